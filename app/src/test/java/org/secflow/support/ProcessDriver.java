package org.secflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/**
 * Works a service process as its people do: starts it, and claims and completes its tasks as a
 * user of the right group (the engine checks their authorizations), also the tasks of the shared
 * steps it called. The shared steps have one method each, named as what the people decide there.
 */
public class ProcessDriver {

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final IdentityService identityService;

    public ProcessDriver(ProcessEngine engine) {
        this.runtimeService = engine.getRuntimeService();
        this.taskService = engine.getTaskService();
        this.identityService = engine.getIdentityService();
        Staff.ensure(identityService);
    }

    public ProcessInstance start(String user, String processKey, Map<String, Object> variables) {
        return Staff.as(identityService, user, () -> runtimeService.startProcessInstanceByKey(processKey, variables));
    }

    /**
     * Starts a shared step on its own, with the variables its call activity would pass: the engine does
     * that, not a person, so no form holds it (a person may not start a shared step with variables).
     */
    public ProcessInstance startAsCalled(String processKey, Map<String, Object> variables) {
        return runtimeService.startProcessInstanceByKey(processKey, variables);
    }

    /** Starts the process as its start form does for a request of a 使用方. */
    public ProcessInstance startRequest(String user, String processKey) {
        return start(user, processKey, Map.of("requestingUnit", "广州市某委办局", "requestSummary", "按年度服务合同提供服务"));
    }

    /** Claims and completes the open task with this key in the process or a shared step it called. */
    public void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> variables) {
        Task task = task(pi, taskKey);
        Staff.as(identityService, user, () -> {
            taskService.claim(task.getId(), user);
            taskService.complete(task.getId(), variables);
        });
    }

    public Task task(ProcessInstance pi, String taskKey) {
        List<Task> tasks = openTasks(pi).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).toList();
        assertThat(tasks).as("open task %s (open: %s)", taskKey, openTaskKeys(pi)).hasSize(1);
        return tasks.get(0);
    }

    public List<String> openTaskKeys(ProcessInstance pi) {
        return openTasks(pi).stream().map(Task::getTaskDefinitionKey).toList();
    }

    public List<String> candidateGroups(ProcessInstance pi, String taskKey) {
        return taskService.getIdentityLinksForTask(task(pi, taskKey).getId()).stream()
                .filter(link -> "candidate".equals(link.getType())).map(IdentityLink::getGroupId).toList();
    }

    public boolean isEnded(ProcessInstance pi) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0;
    }

    private List<Task> openTasks(ProcessInstance pi) {
        List<Task> tasks = new ArrayList<>();
        List<String> instances = new ArrayList<>(List.of(pi.getId()));
        for (int i = 0; i < instances.size(); i++) {
            tasks.addAll(taskService.createTaskQuery().processInstanceId(instances.get(i)).list());
            runtimeService.createProcessInstanceQuery().superProcessInstanceId(instances.get(i)).list()
                    .forEach(sub -> instances.add(sub.getId()));
        }
        return tasks;
    }

    // ---- the shared steps (processes/shared/)

    /** 评审并获取授权: management approves with an authorization document. */
    public void approveReview(ProcessInstance pi, String authorizationReference) {
        complete(pi, "userTask_reviewPlan", "manager", Map.of("reviewParticipants", "管理方、使用方、服务方",
                "reviewApproved", true, "authorizationReference", authorizationReference, "reviewComment", "同意实施"));
    }

    /** 评审并获取授权: management sends the plan back; technical revises it. */
    public void rejectReviewAndRevise(ProcessInstance pi, String reason, String revisedPlan) {
        complete(pi, "userTask_reviewPlan", "manager", Map.of("reviewParticipants", "管理方、使用方",
                "reviewApproved", false, "reviewComment", reason));
        complete(pi, "userTask_revisePlan", "engineer", Map.of("planSummary", revisedPlan, "revisionNote", "按意见修订"));
    }

    /** 确认实施情况: business not affected. */
    public void confirmWithoutImpact(ProcessInstance pi) {
        complete(pi, "userTask_confirmImplementation", "manager", Map.of("confirmedWith", "管理方、使用方",
                "businessAffected", false, "confirmationNote", "业务运行正常"));
    }

    /** 确认实施情况: business affected, rolled back, and implemented again (or not). */
    public void rollBack(ProcessInstance pi, boolean reimplement) {
        complete(pi, "userTask_confirmImplementation", "manager", Map.of("confirmedWith", "使用方",
                "businessAffected", true, "confirmationNote", "部分业务访问中断"));
        complete(pi, "userTask_rollback", "operator", Map.of("rollbackMeasures", "恢复变更前配置",
                "rollbackResult", "业务已恢复"));
        complete(pi, "userTask_decideAfterRollback", "manager", Map.of("reimplement", reimplement,
                "decisionNote", reimplement ? "调整策略后重新实施" : "暂停实施"));
    }

    /** 报备与授权: filed with the regulator and authorized by the 使用方. */
    public void fileAndAuthorize(ProcessInstance pi, String authorizationReference) {
        complete(pi, "userTask_fileWithRegulator", "manager", Map.of("regulator", "广州市网信办",
                "filingReference", "BB-2026-0042", "filedAt", "2026-11-20T09:00:00+08:00"));
        complete(pi, "userTask_obtainAuthorization", "manager", Map.of("authorizingParty", "广州市某委办局",
                "authorizationReference", authorizationReference, "authorizedScope", "门户网站及其服务器",
                "authorizedWindow", "2026-11-25 22:00 至 2026-11-26 06:00"));
    }

    /** 记录服务过程和结果: the result and the asset ledger changes, one {@code 资产|变更内容} per line. */
    public void recordService(ProcessInstance pi, String result, String ledgerChanges) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("serviceResult", result);
        variables.put("ledgerChanges", ledgerChanges);
        complete(pi, "userTask_recordService", "operator", variables);
    }

    /**
     * A whole 边界安全 (7.2.1) service from the request to the record, the plan approved under
     * {@code authorizationReference}: the completed process the history, trace and report tests read.
     */
    public ProcessInstance completedBoundaryService(String authorizationReference) {
        ProcessInstance pi = startRequest("operator", "boundarySecurity");
        complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "方案",
                "deviceParameters", "参数", "activationSchedule", "计划"));
        approveReview(pi, authorizationReference);
        complete(pi, "userTask_configureProtection", "operator", Map.of("accessPolicies", "策略",
                "virusDatabaseVersion", "v1", "intrusionRules", "规则", "vpnTunnels", "无", "monitoringEnabled", true));
        complete(pi, "userTask_controlNetworkAccess", "operator", Map.of("admissionDevices", "NAC",
                "unauthorizedFindings", "无", "restrictionMeasures", "无"));
        confirmWithoutImpact(pi);
        recordService(pi, "完成", "");
        assertThat(isEnded(pi)).isTrue();
        return pi;
    }
}
