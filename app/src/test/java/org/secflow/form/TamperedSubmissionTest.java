package org.secflow.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a script or a tampered page tried over the engine REST API before the form became the contract
 * of its task, each now refused with 400 naming the fields, nothing written; and the variable endpoints
 * closed to staff while administrators may still correct a running process (recorded in the audit trail).
 */
@IntegrationTest
class TamperedSubmissionTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void analysisWithoutEvidenceThatOverwritesTheIntakeIsRefused() {
        Map<String, Object> reported = IncidentBodies.defacedPortal();
        JsonNode incident = report(reported);
        Task analysis = task(incident.get("processInstanceId").asText(), "userTask_analyseIncident");

        HttpResponse<String> answer = http.postJson("engineer", "/engine-rest/task/" + analysis.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(Map.of("reportedBy", "nobody", "title", "改过的标题")))));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(answer)).containsExactlyInAnyOrder("reportedBy", "title", "analysis");
        assertThat(Http.json(answer).path("message").asText()).contains("提交的内容不符合表单要求");
        assertThat(taskService.createTaskQuery().taskId(analysis.getId()).count()).isOne();
        JsonNode stored = Http.json(http.get("engineer", "/api/incidents/" + incident.get("id").asLong())).path("incident");
        assertThat(stored.path("title").asText()).isEqualTo(reported.get("title"));
        assertThat(stored.path("reportedBy").asText()).isEqualTo("operator");
        assertThat(runtimeService.getVariable(analysis.getProcessInstanceId(), "title")).isNotEqualTo("改过的标题");
    }

    @Test
    void someoneWhoMayNotSeeTheTaskIsRefusedByTheEngineWithoutLearningItsForm() {
        JsonNode incident = report();
        Task analysis = task(incident.get("processInstanceId").asText(), "userTask_analyseIncident");

        // an auditor reads history, not running tasks: the refusal must not name the form's fields
        HttpResponse<String> answer = http.postJson("auditor", "/engine-rest/task/" + analysis.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(Map.of("title", "改过的标题")))));

        assertThat(answer.statusCode()).as(answer.body()).isIn(403, 404);
        assertThat(fieldsOf(answer)).isEmpty();
        assertThat(answer.body()).doesNotContain("analysis").doesNotContain("提交的内容不符合表单要求");
        assertThat(taskService.createTaskQuery().taskId(analysis.getId()).count()).isOne();
        assertThat(runtimeService.getVariable(analysis.getProcessInstanceId(), "title")).isNotEqualTo("改过的标题");
    }

    @Test
    void tasklistStyleSubmissionWithReadOnlyValuesSentBackAndHiddenFieldsLeftOutCompletes() {
        JsonNode incident = report();
        Task analysis = task(incident.get("processInstanceId").asText(), "userTask_analyseIncident");
        Map<String, Object> variables = new LinkedHashMap<>();
        // what form-js submits: the read-only fields as shown, the editable ones, no hidden ones
        variables.put("title", runtimeService.getVariable(analysis.getProcessInstanceId(), "title"));
        variables.put("grade", "II");
        variables.put("analysis", "篡改来自后台弱口令");
        variables.put("regrade", false);

        HttpResponse<String> answer = http.postJson("engineer", "/engine-rest/task/" + analysis.getId() + "/submit-form",
                Http.toJson(Map.of("variables", Http.variables(variables))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(analysis.getId()).finished().count()).isOne();
    }

    @Test
    void hiddenRegradeFieldsAreNotStoredWhenRegradeIsNotAsked() {
        JsonNode incident = report();
        String pi = incident.get("processInstanceId").asText();
        Task analysis = task(pi, "userTask_analyseIncident");

        HttpResponse<String> answer = http.postJson("engineer", "/engine-rest/task/" + analysis.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(Map.of("analysis", "误报排查后确认", "regrade", false,
                        "socialImpact", "特别重大", "regradeReason", "顺手改级")))));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(204);
        assertThat(runtimeService.getVariable(pi, "socialImpact")).isEqualTo("重大");
        assertThat(runtimeService.getVariable(pi, "regradeReason")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"boundarySecurity", "webSecurity", "penetrationTest", "securityMonitoring", "securityTraining"})
    void firstTaskWithoutARequiredFieldIsRefused(String processKey) {
        String pi = start(processKey);
        Task first = taskService.createTaskQuery().processInstanceId(pi).singleResult();
        JsonNode form = Http.json(http.get(userFor(first), "/engine-rest/task/" + first.getId() + "/deployed-form"));
        Map<String, Object> submission = org.secflow.support.FormFiller.validSubmission(form);
        String required = org.secflow.support.FormFiller.inputs(form).stream()
                .filter(field -> field.path("validate").path("required").asBoolean(false))
                .map(field -> field.get("key").asText()).findFirst().orElseThrow();
        submission.remove(required);

        HttpResponse<String> answer = http.postJson(userFor(first), "/engine-rest/task/" + first.getId() + "/submit-form",
                Http.toJson(Map.of("variables", Http.variables(submission))));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(answer)).containsExactly(required);
        assertThat(Http.json(answer).path("fields").get(0).path("reason").asText()).endsWith("必填");
        assertThat(taskService.createTaskQuery().taskId(first.getId()).count()).isOne();
    }

    @Test
    void inspectionCycleThatIsNotADurationIsRefusedAndTheServiceGoesOn() {
        String pi = start("securityMonitoring");
        completeValid(pi, "userTask_confirmRequirement");
        completeValid(pi, "userTask_configureCollection");
        Task items = task(pi, "userTask_defineMonitoringItems");
        Map<String, Object> values = Map.of("monitoringItems", "边界流量、主机日志", "inspectionPlan", "每周巡检",
                "inspectionCycle", "每周一次");

        HttpResponse<String> refused = http.postJson(userFor(items), "/engine-rest/task/" + items.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(values))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fieldsOf(refused)).containsExactly("inspectionCycle");

        Map<String, Object> fixed = new LinkedHashMap<>(values);
        fixed.put("inspectionCycle", "P7D");
        HttpResponse<String> done = http.postJson(userFor(items), "/engine-rest/task/" + items.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(fixed))));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("userTask_analyseSecurityData").count())
                .as("the next task has its due date from the cycle").isOne();
    }

    @Test
    void startOverEngineRestWithoutTheIntakeFieldsIsABadRequestAndStartsNothing() {
        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("emergencyResponse").count();

        HttpResponse<String> answer = http.postJson("operator", "/engine-rest/process-definition/key/emergencyResponse/start", "{}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(fieldsOf(answer)).contains("title", "description", "category", "objectImportance", "systemLoss",
                "socialImpact", "reporterType", "affectedAssets", "channel");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("emergencyResponse").count())
                .isEqualTo(before);
    }

    @Test
    void staffCannotSetVariablesOutsideFormsButAnAdministratorCanAndIsRecorded() {
        JsonNode incident = report();
        String pi = incident.get("processInstanceId").asText();
        Task analysis = task(pi, "userTask_analyseIncident");
        String grade = "{\"value\":\"IV\",\"type\":\"String\"}";

        assertThat(http.putJson("engineer", "/engine-rest/task/" + analysis.getId() + "/variables/grade", grade).statusCode())
                .isEqualTo(403);
        assertThat(http.putJson("engineer", "/engine-rest/task/" + analysis.getId() + "/localVariables/grade", grade).statusCode())
                .isEqualTo(403);
        assertThat(http.postJson("engineer", "/engine-rest/process-instance/" + pi + "/variables",
                "{\"modifications\":{\"grade\":" + grade + "}}").statusCode()).isEqualTo(403);
        assertThat(http.putJson("manager", "/engine-rest/execution/" + pi + "/localVariables/grade", grade).statusCode())
                .isEqualTo(403);
        assertThat(http.postJson("manager", "/engine-rest/process-instance/" + pi + "/modification",
                "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"userTask_analyseIncident\"}]}").statusCode())
                .isEqualTo(403);
        HttpResponse<String> message = http.postJson("operator", "/engine-rest/message",
                "{\"messageName\":\"incident.confirmed\",\"processVariables\":{\"title\":{\"value\":\"伪造\"}}}");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(400);
        HttpResponse<String> skipping = http.postJson("operator", "/engine-rest/process-definition/key/boundarySecurity/start",
                "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"callActivity_recordService\"}]}");
        assertThat(skipping.statusCode()).as(skipping.body()).isEqualTo(400);
        assertThat(fieldsOf(skipping)).containsExactly("startInstructions");
        assertThat(runtimeService.getVariable(pi, "grade")).isEqualTo("II");

        // the demo superuser here; its password is the deployment's (CI sets it for the MySQL suite)
        String adminPassword = System.getenv().getOrDefault("SECFLOW_ADMIN_PASSWORD", Staff.PASSWORD);
        HttpResponse<String> corrected = new Http(port, adminPassword.isBlank() ? Staff.PASSWORD : adminPassword)
                .putJson("admin", "/engine-rest/process-instance/" + pi + "/variables/correctionNote",
                "{\"value\":\"管理员更正：联系人电话有误\",\"type\":\"String\"}");
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(204);
        Integer recorded = jdbc.queryForObject("select count(*) from audit_entry where actor = 'admin' and process_instance_id = ?"
                + " and content like '%correctionNote%'", Integer.class, pi);
        assertThat(recorded).as("the administrator's correction is in the audit trail").isPositive();
    }

    // ---- helpers

    private JsonNode report() {
        return report(IncidentBodies.defacedPortal());
    }

    private JsonNode report(Map<String, Object> body) {
        HttpResponse<String> created = http.postJson("operator", "/api/incidents", Http.toJson(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created);
    }

    private String start(String processKey) {
        HttpResponse<String> started = http.postJson("manager", "/engine-rest/process-definition/key/" + processKey + "/submit-form",
                Http.toJson(Map.of("variables", Http.variables(Map.of("requestingUnit", "广州市某委办局", "requestSummary", "按年度服务合同提供服务")))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return Http.json(started).get("id").asText();
    }

    private void completeValid(String pi, String taskKey) {
        Task task = task(pi, taskKey);
        JsonNode form = Http.json(http.get(userFor(task), "/engine-rest/task/" + task.getId() + "/deployed-form"));
        HttpResponse<String> done = http.postJson(userFor(task), "/engine-rest/task/" + task.getId() + "/complete",
                Http.toJson(Map.of("variables", Http.variables(org.secflow.support.FormFiller.validSubmission(form)))));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    private Task task(String pi, String key) {
        return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(key).singleResult();
    }

    private String userFor(Task task) {
        String group = taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
                .map(link -> link.getGroupId()).findFirst().orElseThrow();
        return Staff.memberOf(group);
    }

    private static List<String> fieldsOf(HttpResponse<String> answer) {
        List<String> fields = new ArrayList<>();
        Http.json(answer).path("fields").forEach(field -> fields.add(field.path("field").asText()));
        return fields;
    }

}
