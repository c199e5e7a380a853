package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;

/** 附录 A 管理制度评审: one review task per policy of table A.1, then the review record. */
@IntegrationTest
class PolicyReviewProcessTest {

    static final String KEY = "policyReview";
    static final String DOCUMENT = "管理制度评审记录";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    ProcessDriver driver;
    TaskService taskService;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
        taskService = engine.getTaskService();
    }

    @Test
    void yearlyScheduleReviewsAllNineteenPoliciesOfTableA1() {
        ProcessInstance schedule = new RecurringDuties(engine).fire("policyReviewSchedule");

        List<String> names = reviewTasks(schedule).stream()
                .map(t -> (String) taskService.getVariable(t.getId(), "policyName")).toList();
        assertThat(names).hasSize(19).contains("网络安全管理办法", "漏洞全生命周期管理规范", "安全配置基线管理规范");
        assertThat(reviewTasks(schedule)).allSatisfy(task -> assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .extracting(link -> link.getGroupId()).containsExactly("management"));

        reviewTasks(schedule).forEach(task -> review(task, "V2027"));
        driver.recordService(schedule, "19 项制度已完成年度评审", "");
        assertThat(driver.isEnded(schedule)).as("the yearly run ends with its record").isTrue();
    }

    @Test
    void everyPolicyReviewedThenTheRecordIsKept() {
        ProcessInstance pi = driver.start("manager", KEY, Map.of("policies", "网络安全管理办法\n信息资产管理规范"));
        List<Task> tasks = reviewTasks(pi);
        assertThat(tasks).hasSize(2);

        review(tasks.get(0), "V2.1");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_reviewPolicy");
        assertThat(taskService.getVariable(reviewTasks(pi).get(0).getId(), "policyOwner")).as("the first review does not prefill the next").isNull();
        review(reviewTasks(pi).get(0), "V3.0");
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        driver.recordService(pi, "2 项制度已评审，信息资产管理规范修订至 V3.0", "");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_reviewPolicy", "callActivity_recordReview");
        assertThat(documents.latest(pi.getId(), DOCUMENT).orElseThrow().html())
                .contains("管理制度评审 附录A", "信息资产管理规范修订至 V3.0");
    }

    private List<Task> reviewTasks(ProcessInstance pi) {
        List<String> ids = new java.util.ArrayList<>(List.of(pi.getId()));
        engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list()
                .forEach(sub -> ids.add(sub.getId()));
        return ids.stream().flatMap(id -> taskService.createTaskQuery().processInstanceId(id)
                .taskDefinitionKey("userTask_reviewPolicy").list().stream()).toList();
    }

    private void review(Task task, String version) {
        Staff.as(engine.getIdentityService(), "manager", () -> {
            taskService.claim(task.getId(), "manager");
            taskService.complete(task.getId(), Map.of("policyOwner", "安全管理部", "policyVersion", version,
                    "policyChanges", "更新职责分工", "nextReviewDate", "2027-11-24"));
        });
    }
}
