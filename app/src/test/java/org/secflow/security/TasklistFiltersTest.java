package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.process.ServiceAction;
import org.secflow.process.ServiceRecord;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each group finds its work in the Tasklist's saved filters, and only its own work; only its group works a task. */
@IntegrationTest
class TasklistFiltersTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired ProcessEngine engine;
    @Autowired IdentitySetup identitySetup;
    @Autowired ServiceRecord serviceRecord;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void staffSeeTheirFiltersAndTheirGroupsTasksInThem() {
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents",
                Http.toJson(IncidentBodies.defacedPortal())));
        String processInstanceId = created.get("processInstanceId").asText();

        Map<String, String> engineerFilters = filters("engineer");
        assertThat(engineerFilters).containsKeys("我的任务", "本组待办", "即将超时", "已超时");

        JsonNode groupTasks = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("本组待办") + "/list", "{}"));
        assertThat(groupTasks.findValuesAsText("processInstanceId")).contains(processInstanceId);
        JsonNode filter = Http.json(http.get("engineer", "/engine-rest/filter/" + engineerFilters.get("本组待办")));
        assertThat(filter.get("properties").get("variables").findValuesAsText("name")).contains("clause");
        String taskId = Http.json(http.get("engineer", "/engine-rest/task?processInstanceId=" + processInstanceId))
                .get(0).get("id").asText();
        assertThat(Http.json(http.get("engineer", "/engine-rest/task/" + taskId + "/localVariables/clause"))
                .get("value").asText()).as("the card shows the clause of the analysis task").isEqualTo("7.5.1.6");

        // grade II: the analysis task is due in 30 minutes
        JsonNode dueSoon = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("即将超时") + "/list", "{}"));
        assertThat(dueSoon.findValuesAsText("processInstanceId")).contains(processInstanceId);
        JsonNode overdue = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("已超时") + "/list", "{}"));
        assertThat(overdue.findValuesAsText("processInstanceId")).doesNotContain(processInstanceId);

        JsonNode operatorsGroupTasks = Http.json(http.postJson("operator",
                "/engine-rest/filter/" + filters("operator").get("本组待办") + "/list", "{}"));
        assertThat(operatorsGroupTasks.findValuesAsText("processInstanceId"))
                .as("the analysis task belongs to the technical group").doesNotContain(processInstanceId);
    }

    @Test
    void staffReadEveryTaskButOnlyItsCandidateGroupWorksIt() {
        String processInstanceId = Http.json(http.postJson("operator", "/api/incidents",
                Http.toJson(IncidentBodies.defacedPortal()))).get("processInstanceId").asText();
        String taskId = Http.json(http.get("engineer", "/engine-rest/task?processInstanceId=" + processInstanceId))
                .get(0).get("id").asText();

        // the task's own authorization gives its group work, not READ: READ per task is what made the Tasklist's
        // queries join every open task against every such row
        List<Authorization> ofTask = engine.getAuthorizationService().createAuthorizationQuery()
                .resourceType(Resources.TASK).resourceId(taskId).list();
        assertThat(ofTask).extracting(Authorization::getGroupId).containsExactly("technical");
        assertThat(ofTask.get(0).isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        assertThat(ofTask.get(0).isPermissionGranted(Permissions.READ)).isFalse();

        // an operator reads the analysis task (as the process's history) but may not take it
        assertThat(http.get("operator", "/engine-rest/task/" + taskId).statusCode()).isEqualTo(200);
        assertThat(http.postJson("operator", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"operator\"}")
                .statusCode()).isEqualTo(403);
        assertThat(http.postJson("engineer", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"engineer\"}")
                .statusCode()).isEqualTo(204);
        // an auditor, of no staff group, does not see the open task at all
        assertThat(Http.json(http.get("auditor", "/engine-rest/task?processInstanceId=" + processInstanceId)).size())
                .isZero();
    }

    @Test
    void aTaskOfAnOlderVersionThatGaveReadPerTaskKeepsOnlyTheWorkAfterTheUpgrade() {
        String processInstanceId = Http.json(http.postJson("operator", "/api/incidents",
                Http.toJson(IncidentBodies.defacedPortal()))).get("processInstanceId").asText();
        String taskId = engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).list().get(0).getId();
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization ofTask = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .singleResult();
        ofTask.addPermission(Permissions.READ);
        authorizations.saveAuthorization(ofTask);

        identitySetup.tasksReadThroughTheirProcess();

        Authorization upgraded = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(taskId)
                .singleResult();
        assertThat(upgraded.isPermissionGranted(Permissions.READ)).isFalse();
        assertThat(upgraded.isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
        assertThat(authorizations.createAuthorizationQuery().groupIdIn("operations").resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(Authorization.ANY).singleResult().isPermissionGranted(ProcessDefinitionPermissions.READ_TASK))
                .isTrue();
    }

    @Test
    void sharedStepTasksShowTheClauseServiceItemAndStepThatCalledThem() {
        ProcessDriver driver = new ProcessDriver(engine);
        ProcessInstance pi = driver.start("operator", "boundarySecurity",
                Map.of("requestingUnit", "广州市某委办局", "requestSummary", "出口边界防护开通"));
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "方案",
                "deviceParameters", "参数", "activationSchedule", "计划"));
        String taskId = driver.task(pi, "userTask_reviewPlan").getId();

        JsonNode task = Http.json(http.get("manager", "/engine-rest/task/" + taskId));
        String variables = "/engine-rest/task/" + taskId + "/variables/";

        assertThat(task.get("description").asText()).isEqualTo("条款 7.2.1.3 · 边界安全 7.2.1 · 组织评审并获取授权");
        assertThat(Http.json(http.get("manager", variables + "clause")).get("value").asText()).isEqualTo("7.2.1.3");
        assertThat(Http.json(http.get("manager", variables + "serviceStep")).get("value").asText())
                .isEqualTo("边界安全 7.2.1 · 组织评审并获取授权");
        assertThat(Http.json(http.get("manager", variables + "subject")).get("value").asText())
                .isEqualTo("广州市某委办局：出口边界防护开通");
        JsonNode filter = Http.json(http.get("manager", "/engine-rest/filter/" + filters("manager").get("本组待办")));
        assertThat(filter.get("properties").get("variables").findValuesAsText("name"))
                .contains("clause", "serviceStep", "subject");
        driver.approveReview(pi, "SQ-CARD-1");
        assertThat(serviceRecord.actionsOf(pi.getId())).filteredOn(action -> "userTask_reviewPlan".equals(action.activityId()))
                .extracting(ServiceAction::clause).as("the record keeps the calling clause too").containsExactly("7.2.1.3");
    }

    @Test
    void filtersOfAnExistingDatabaseGetTheNewCardVariablesOnce() {
        Filter filter = engine.getFilterService().createFilterQuery().filterName("本组待办").singleResult();
        Map<String, Object> original = new LinkedHashMap<>(filter.getProperties());
        try {
            // as created before the subject and the calling step were shown, with a variable an administrator added
            Map<String, Object> old = new LinkedHashMap<>(original);
            old.remove("secflowCardVariables");
            old.put("variables", List.of(Map.of("name", "clause", "label", "条款"), Map.of("name", "contactPerson", "label", "联系人")));
            filter.setProperties(old);
            engine.getFilterService().saveFilter(filter);

            identitySetup.afterSingletonsInstantiated();
            List<String> upgraded = variableNames();
            assertThat(upgraded).containsSubsequence("clause", "contactPerson", "serviceStep", "subject");

            // an administrator removes the subject afterwards: the next start keeps it removed
            Filter changed = engine.getFilterService().getFilter(filter.getId());
            Map<String, Object> properties = new LinkedHashMap<>(changed.getProperties());
            properties.put("variables", List.of(Map.of("name", "clause", "label", "条款")));
            changed.setProperties(properties);
            engine.getFilterService().saveFilter(changed);
            identitySetup.afterSingletonsInstantiated();
            assertThat(variableNames()).containsExactly("clause");
        } finally {
            Filter restored = engine.getFilterService().getFilter(filter.getId());
            restored.setProperties(original);
            engine.getFilterService().saveFilter(restored);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> variableNames() {
        Filter filter = engine.getFilterService().createFilterQuery().filterName("本组待办").singleResult();
        return ((List<Map<String, Object>>) filter.getProperties().get("variables")).stream()
                .map(variable -> (String) variable.get("name")).toList();
    }

    private Map<String, String> filters(String user) {
        Map<String, String> byName = new HashMap<>();
        Http.json(http.get(user, "/engine-rest/filter?resourceType=Task"))
                .forEach(filter -> byName.put(filter.get("name").asText(), filter.get("id").asText()));
        return byName;
    }
}
