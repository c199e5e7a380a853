package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 7.3.1 安全咨询: the service desk records within the response time, the knowledge base first, then an expert. */
@IntegrationTest
class SecurityConsultingProcessTest {

    static final String KEY = "securityConsulting";
    static final String DOCUMENT = "安全咨询服务记录";

    @Autowired ProcessEngine engine;
    @Autowired ManagementService managementService;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void deskAnswersFromTheKnowledgeBaseAndRecordsTheConsultation() {
        ProcessInstance pi = received("咨询电话");
        assertThat(driver.candidateGroups(pi, "userTask_recordConsultation")).containsExactly("operations");
        record(pi);
        assertThat(driver.candidateGroups(pi, "userTask_consultKnowledgeBase")).containsExactly("operations");
        driver.complete(pi, "userTask_consultKnowledgeBase", "operator", Map.of(
                "knowledgeArticles", "KB-0012 等级保护测评前的准备", "solvedByDesk", true,
                "deskReply", "按 KB-0012 准备定级备案材料和网络拓扑"));
        driver.recordService(pi, "已依据知识库答复", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("startEvent_consultationReceived", "userTask_recordConsultation",
                "userTask_consultKnowledgeBase", "callActivity_recordService").hasNotPassed("userTask_expertReply");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("已依据知识库答复", "KB-0012 等级保护测评前的准备", "按 KB-0012 准备定级备案材料和网络拓扑", "7.3.1.3");
    }

    @Test
    void deskThatCannotSolveItAssignsTheTicketToASecurityExpert() {
        ProcessInstance pi = received("安全运营平台");
        record(pi);
        driver.complete(pi, "userTask_consultKnowledgeBase", "operator", Map.of(
                "knowledgeArticles", "无匹配条目", "solvedByDesk", false, "expertField", "数据安全",
                "handOverNote", "涉及数据出境评估，需专家答复"));

        assertThat(driver.candidateGroups(pi, "userTask_expertReply")).containsExactly("technical");
        driver.complete(pi, "userTask_expertReply", "engineer", Map.of(
                "expertReply", "数据出境需先完成安全评估申报", "expertDeliverables", "提供数据出境评估要点说明",
                "knowledgeBaseSuggestion", "新增：数据出境安全评估流程"));
        driver.recordService(pi, "专家已答复并提供说明", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_consultKnowledgeBase", "userTask_expertReply", "callActivity_recordService");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("数据出境需先完成安全评估申报", "7.3.1.4");
    }

    @Test
    void deskTaskIsDueWithinTheResponseTimeAndLateResponseIsEscalatedToManagement() {
        ProcessInstance pi = received("网络");
        Task desk = driver.task(pi, "userTask_recordConsultation");
        assertThat(desk.getDueDate()).isCloseTo(new Date(desk.getCreateTime().getTime() + Duration.ofMinutes(30).toMillis()),
                1_000L);
        Job responseTimer = managementService.createJobQuery().processInstanceId(pi.getId())
                .activityId("timer_responseDeadline").singleResult();
        assertThat(responseTimer.getDuedate()).as("the escalation timer runs out when the task is due")
                .isCloseTo(desk.getDueDate(), 1_000L);

        managementService.executeJob(responseTimer.getId());

        assertThat(driver.openTaskKeys(pi)).containsExactlyInAnyOrder("userTask_recordConsultation",
                "userTask_escalateResponse");
        assertThat(driver.candidateGroups(pi, "userTask_escalateResponse")).containsExactly("management");
        driver.complete(pi, "userTask_escalateResponse", "manager", Map.of("escalationAction", "调配值班人员立即回电"));
        record(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_consultKnowledgeBase");
    }

    private ProcessInstance received(String channel) {
        Map<String, Object> intake = new HashMap<>();
        intake.put("channel", channel);
        intake.put("requestingUnit", "广州市某委办局");
        intake.put("contactPerson", "刘老师");
        intake.put("contactInfo", "020-8888 0000");
        intake.put("consultationSummary", "等级保护测评前需要准备什么");
        return driver.start("operator", KEY, intake);
    }

    private void record(ProcessInstance pi) {
        driver.complete(pi, "userTask_recordConsultation", "operator", Map.of("requestKind", "安全咨询",
                "urgency", "一般", "consultationDetails", "三级系统首次测评，询问准备材料", "affectedObjects", "门户网站"));
    }
}
