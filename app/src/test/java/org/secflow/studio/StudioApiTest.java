package org.secflow.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The studio's API as an administrator's browser uses it, over real HTTP: the check before deploying, drafts that
 * two administrators save, the refusal of models that would run code, deploying a model with its forms, and moving
 * running instances to the new version.
 */
@IntegrationTest
class StudioApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "sysadmin";

    @LocalServerPort int port;
    @Autowired RepositoryService repository;
    @Autowired RuntimeService runtime;
    @Autowired TaskService tasks;
    @Autowired ManagementService management;
    @Autowired org.camunda.bpm.engine.IdentityService identity;

    private Http http() {
        return new Http(port);
    }

    @Test
    void aUserTaskWithoutClauseIsMarkedBeforeAnythingIsDeployed() throws Exception {
        String xml = withNewTask(bpmn(latest("webSecurity")), null, "technical", "web-security-requirement");
        long versions = repository.createProcessDefinitionQuery().processDefinitionKey("webSecurity").count();
        JsonNode answer = json(http().postJson(ADMIN, "/api/studio/check", body(Map.of("processKey", "webSecurity",
                "bpmnXml", xml, "forms", forms(latest("webSecurity"))))), 200);
        assertThat(answer.get("problems")).anySatisfy(problem -> {
            assertThat(problem.get("elementId").asText()).isEqualTo("userTask_added");
            assertThat(problem.get("message").asText()).contains("clause");
        });
        assertThat(versions).as("a check deploys nothing").isEqualTo(
                repository.createProcessDefinitionQuery().processDefinitionKey("webSecurity").count());
    }

    @Test
    void aModelThatWouldRunCodeIsRefusedWhoeverDeploysIt() throws Exception {
        String base = bpmn(latest("webSecurity"));
        String script = base.replace("<bpmn:userTask id=\"userTask_draftPlan\"",
                "<bpmn:scriptTask id=\"script_evil\" scriptFormat=\"javascript\"><bpmn:script>java.lang.Runtime.getRuntime()"
                        + "</bpmn:script></bpmn:scriptTask><bpmn:userTask id=\"userTask_draftPlan\"");
        String classDelegate = base.replace("<bpmn:userTask id=\"userTask_draftPlan\"",
                "<bpmn:serviceTask id=\"service_class\" camunda:class=\"com.example.Evil\"/>"
                        + "<bpmn:userTask id=\"userTask_draftPlan\"");
        String foreignBean = base.replace("<bpmn:userTask id=\"userTask_draftPlan\"",
                "<bpmn:serviceTask id=\"service_dataSource\" camunda:expression=\"${dataSource.getConnection()}\"/>"
                        + "<bpmn:userTask id=\"userTask_draftPlan\"");
        String engineReach = base.replace("<bpmn:userTask id=\"userTask_draftPlan\"",
                "<bpmn:serviceTask id=\"service_engine\" camunda:delegateExpression=\"${sendMessageDelegate}\">"
                        + "<bpmn:extensionElements><camunda:executionListener event=\"start\" expression=\""
                        + "${execution.getProcessEngineServices().getRepositoryService()}\"/></bpmn:extensionElements>"
                        + "</bpmn:serviceTask><bpmn:userTask id=\"userTask_draftPlan\"");
        Map<String, String> expected = Map.of(script, "脚本任务", classDelegate, "camunda:class", foreignBean,
                "dataSource", engineReach, "getProcessEngineServices");
        for (var entry : expected.entrySet()) {
            JsonNode answer = json(http().postJson(ADMIN, "/api/studio/check", body(Map.of("processKey", "webSecurity",
                    "bpmnXml", entry.getKey(), "forms", forms(latest("webSecurity"))))), 200);
            assertThat(answer.get("problems").toString()).contains(entry.getValue());
            // the engine's own deployment API refuses it as well
            HttpResponse<String> rest = http().upload(ADMIN, "/engine-rest/deployment/create", "data",
                    "webSecurity.bpmn", entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("deployment-name", "evil"));
            assertThat(rest.statusCode()).as(entry.getValue()).isEqualTo(400);
            assertThat(rest.body()).contains(entry.getValue().replace("\"", "\\\""));
        }
    }

    @Test
    void twoAdministratorsSavingOneDraftTheSecondGetsAConflictShowingTheFirstsChange() throws Exception {
        JsonNode draft = json(http().postJson(ADMIN, "/api/studio/drafts",
                body(Map.of("definitionId", latest("webSecurity")))), 201);
        long id = draft.get("id").asLong();
        String xml = draft.get("bpmnXml").asText();
        assertThat(draft.get("forms").has("web-security-requirement")).isTrue();

        JsonNode first = json(http().putJson(ADMIN, "/api/studio/drafts/" + id, body(Map.of("revision", 1,
                "bpmnXml", xml.replace("制定WEB 防护方案", "制定 WEB 防护方案（含回退）"), "forms", draft.get("forms")))), 200);
        assertThat(first.get("revision").asInt()).isEqualTo(2);

        HttpResponse<String> second = http().putJson(secondAdministrator(), "/api/studio/drafts/" + id, body(Map.of("revision", 1,
                "bpmnXml", xml, "forms", draft.get("forms"))));
        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode conflict = JSON.readTree(second.body());
        assertThat(conflict.get("message").asText()).contains(ADMIN);
        assertThat(conflict.get("current").get("bpmnXml").asText()).contains("制定 WEB 防护方案（含回退）");
        assertThat(conflict.get("current").get("revision").asInt()).isEqualTo(2);

        assertThat(http().send(ADMIN, "/api/studio/drafts/" + id, "DELETE", "application/json",
                java.net.http.HttpRequest.BodyPublishers.noBody()).statusCode()).isEqualTo(204);
    }

    @Test
    void aNewTaskWithGroupFormAndClauseDeploysWithItsFormAndTheHistoryShowsWhoDidIt() throws Exception {
        String base = latest("webSecurity");
        JsonNode draft = json(http().postJson(ADMIN, "/api/studio/drafts", body(Map.of("definitionId", base))), 201);
        long id = draft.get("id").asLong();
        ObjectNode forms = (ObjectNode) draft.get("forms");
        forms.set("web-security-briefing", JSON.readTree("""
                {"type":"default","id":"web-security-briefing","schemaVersion":16,"executionPlatform":"Camunda Platform",
                 "executionPlatformVersion":"7.24.0","components":[{"type":"textarea","id":"Field_briefing",
                 "key":"briefing","label":"需求交底记录","validate":{"required":true}}]}"""));
        String xml = withNewTask(draft.get("bpmnXml").asText(), "7.2.3.1", "technical", "web-security-briefing");
        json(http().putJson(ADMIN, "/api/studio/drafts/" + id, body(Map.of("revision", 1, "bpmnXml", xml,
                "forms", forms))), 200);

        JsonNode deployed = json(http().postJson(ADMIN, "/api/studio/drafts/" + id + "/deploy",
                body(Map.of("revision", 2))), 201);
        ProcessDefinition definition = repository.getProcessDefinition(deployed.get("definitionId").asText());
        assertThat(definition.getVersion()).isGreaterThan(repository.getProcessDefinition(base).getVersion());
        assertThat((Object) repository.getBpmnModelInstance(definition.getId()).getModelElementById("userTask_added"))
                .isNotNull();
        assertThat(repository.getDeploymentResourceNames(definition.getDeploymentId()))
                .contains("web-security-briefing.form", "web-security-requirement.form");
        assertThat(http().get(ADMIN, "/api/studio/drafts/" + id).statusCode()).as("the draft became the version")
                .isEqualTo(404);

        JsonNode history = json(http().get("auditor", "/api/studio/history"), 200);
        assertThat(history.get("deployments")).anySatisfy(d -> {
            assertThat(d.get("deploymentId").asText()).isEqualTo(definition.getDeploymentId());
            assertThat(d.get("deployedBy").asText()).isEqualTo(ADMIN);
        });
    }

    @Test
    void aDraftThatFailsTheCheckIsNotDeployedAndEachProblemNamesItsElement() throws Exception {
        JsonNode draft = json(http().postJson(ADMIN, "/api/studio/drafts",
                body(Map.of("definitionId", latest("webSecurity")))), 201);
        long id = draft.get("id").asLong();
        String xml = withNewTask(draft.get("bpmnXml").asText(), null, "nobody", "missing-form");
        json(http().putJson(ADMIN, "/api/studio/drafts/" + id, body(Map.of("revision", 1, "bpmnXml", xml,
                "forms", draft.get("forms")))), 200);
        long before = repository.createProcessDefinitionQuery().processDefinitionKey("webSecurity").count();

        HttpResponse<String> refused = http().postJson(ADMIN, "/api/studio/drafts/" + id + "/deploy",
                body(Map.of("revision", 2)));
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problems = JSON.readTree(refused.body()).get("problems");
        assertThat(problems).allSatisfy(p -> assertThat(p.get("elementId").asText()).isEqualTo("userTask_added"));
        assertThat(problems.toString()).contains("clause", "nobody", "missing-form");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("webSecurity").count()).isEqualTo(before);
        assertThat(http().get(ADMIN, "/api/studio/drafts/" + id).statusCode()).as("the draft is kept").isEqualTo(200);
    }

    @Test
    void aPlanNamesWhatItCannotMapAndABatchMigratesTwoHundredInstancesWithAResultEach() throws Exception {
        String key = "studioMigration" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String source = deployed(key, "userTask_first", "userTask_second");
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            instances.add(runtime.startProcessInstanceByKey(key, Map.of("n", i)).getId());
            if (i % 50 == 0) {
                tasks.complete(tasks.createTaskQuery().processInstanceId(instances.get(i)).singleResult().getId());
            }
        }
        // 196 wait at the first task, 4 at the second, which the new version no longer has
        String target = deployed(key, "userTask_first", "userTask_renamed");

        JsonNode plan = json(http().postJson(ADMIN, "/api/studio/migrations/plan",
                body(Map.of("sourceDefinitionId", source, "targetDefinitionId", target))), 200);
        assertThat(plan.get("instructions")).hasSize(1);
        assertThat(plan.get("activeActivities")).anySatisfy(a -> {
            assertThat(a.get("activityId").asText()).isEqualTo("userTask_second");
            assertThat(a.get("instances").asInt()).isEqualTo(4);
            assertThat(a.get("mapped").asBoolean()).isFalse();
        });
        HttpResponse<String> incomplete = http().postJson(ADMIN, "/api/studio/migrations/validate",
                body(Map.of("sourceDefinitionId", source, "targetDefinitionId", target, "instructions",
                        plan.get("instructions"))));
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.body()).contains("userTask_second", "4 个实例");
        HttpResponse<String> wrong = http().postJson(ADMIN, "/api/studio/migrations/validate",
                body(Map.of("sourceDefinitionId", source, "targetDefinitionId", target, "instructions", List.of(
                        Map.of("sourceActivityIds", List.of("userTask_first"), "targetActivityIds", List.of("noSuchTask"),
                                "updateEventTrigger", false)))));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("userTask_first → noSuchTask");

        List<Map<String, Object>> complete = List.of(
                Map.of("sourceActivityIds", List.of("userTask_first"), "targetActivityIds", List.of("userTask_first"),
                        "updateEventTrigger", false),
                Map.of("sourceActivityIds", List.of("userTask_second"), "targetActivityIds", List.of("userTask_renamed"),
                        "updateEventTrigger", false));
        JsonNode run = json(http().postJson(ADMIN, "/api/studio/migrations", body(Map.of("sourceDefinitionId", source,
                "targetDefinitionId", target, "instructions", complete))), 201);
        assertThat(run.get("mode").asText()).isEqualTo("BATCH");
        assertThat(run.get("instanceCount").asInt()).isEqualTo(200);
        runBatchJobs(run.get("batchId").asText());

        JsonNode done = json(http().get("auditor", "/api/studio/migrations/" + run.get("id").asLong()), 200);
        assertThat(done.get("progress").get("finished").asBoolean()).isTrue();
        assertThat(done.get("results")).hasSize(200)
                .allSatisfy(r -> assertThat(r.get("state").asText()).isEqualTo("MIGRATED"));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(target).count()).isEqualTo(200);
        assertThat(tasks.createTaskQuery().processDefinitionId(target).taskDefinitionKey("userTask_renamed").count())
                .isEqualTo(4);
    }

    @Test
    void aFewInstancesMigrateOneByOneEachWithItsOwnResult() throws Exception {
        String key = "studioFew" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String source = deployed(key, "userTask_first", "userTask_second");
        ProcessInstance one = runtime.startProcessInstanceByKey(key);
        ProcessInstance two = runtime.startProcessInstanceByKey(key);
        String target = deployed(key, "userTask_first", "userTask_second");
        JsonNode plan = json(http().postJson(ADMIN, "/api/studio/migrations/plan",
                body(Map.of("sourceDefinitionId", source, "targetDefinitionId", target))), 200);
        JsonNode run = json(http().postJson(ADMIN, "/api/studio/migrations", body(Map.of("sourceDefinitionId", source,
                "targetDefinitionId", target, "instructions", plan.get("instructions"),
                "processInstanceIds", List.of(one.getId())))), 201);
        assertThat(run.get("mode").asText()).isEqualTo("SYNC");
        assertThat(run.get("results")).singleElement().satisfies(r -> {
            assertThat(r.get("processInstanceId").asText()).isEqualTo(one.getId());
            assertThat(r.get("state").asText()).isEqualTo("MIGRATED");
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(two.getId()).singleResult()
                .getProcessDefinitionId()).as("only the chosen instance moves").isEqualTo(source);
    }

    @Test
    void staffAndAuditorsMayNotUseTheStudioAndAuditorsReadItsHistory() {
        for (String user : List.of("engineer", "manager", "operator", "auditor")) {
            assertThat(http().get(user, "/api/studio/models").statusCode()).as(user).isEqualTo(403);
            assertThat(http().postJson(user, "/api/studio/check", "{\"processKey\":\"x\",\"bpmnXml\":\"<x/>\"}")
                    .statusCode()).as(user).isEqualTo(403);
            assertThat(http().postJson(user, "/api/studio/drafts", "{\"definitionId\":\"x\"}").statusCode())
                    .as(user).isEqualTo(403);
            assertThat(http().postJson(user, "/api/studio/migrations", "{}").statusCode()).as(user).isEqualTo(403);
        }
        assertThat(http().get("engineer", "/api/studio/history").statusCode()).isEqualTo(403);
        assertThat(http().get("auditor", "/api/studio/history").statusCode()).isEqualTo(200);
        assertThat(http().get(null, "/api/studio/models").statusCode()).isEqualTo(401);
    }

    @Test
    void theDiffListsTheNewStepAndTheFlowsItChangedWithTheirProperties() throws Exception {
        String base = bpmn(latest("webSecurity"));
        String changed = withNewTask(base, "7.2.3.1", "technical", "web-security-requirement")
                .replace("name=\"制定WEB 防护方案\"", "name=\"制定 WEB 防护方案\"");
        JsonNode changes = json(http().postJson(ADMIN, "/api/studio/diff", body(Map.of("beforeXml", base,
                "afterXml", changed))), 200);
        Map<String, String> byElement = new java.util.TreeMap<>();
        changes.forEach(c -> byElement.put(c.get("id").asText(), c.get("change").asText()
                + c.get("properties").findValuesAsText("property")));
        assertThat(byElement).containsEntry("userTask_added", "ADDED[]")
                .containsEntry("flow_added", "ADDED[]")
                .containsEntry("flow_toRequirement", "CHANGED[targetRef]")
                .containsEntry("userTask_draftPlan", "CHANGED[name]");
        assertThat(http().postJson(ADMIN, "/api/studio/diff", body(Map.of("beforeXml", base, "afterXml", "<x"))).body())
                .contains("bpmnXml", "不是有效的 BPMN XML");
    }

    @Test
    void theModelsListShowsEachVersionWithItsInstances() throws Exception {
        JsonNode models = json(http().get(ADMIN, "/api/studio/models"), 200);
        assertThat(models).anySatisfy(model -> {
            assertThat(model.get("key").asText()).isEqualTo("webSecurity");
            assertThat(model.get("name").asText()).contains("7.2.3");
            assertThat(model.get("versions").get(0).get("deployedAt").isNull()).isFalse();
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Adds {@code userTask_added} between the start and the first task of 7.2.3. */
    private static String withNewTask(String xml, String clause, String group, String formRef) {
        String extension = clause == null ? "" : "<bpmn:extensionElements><camunda:properties><camunda:property "
                + "name=\"clause\" value=\"" + clause + "\" /></camunda:properties></bpmn:extensionElements>";
        String task = "<bpmn:userTask id=\"userTask_added\" name=\"需求交底\" camunda:candidateGroups=\"" + group
                + "\" camunda:formRef=\"" + formRef + "\" camunda:formRefBinding=\"deployment\">" + extension
                + "<bpmn:incoming>flow_toRequirement</bpmn:incoming><bpmn:outgoing>flow_added</bpmn:outgoing></bpmn:userTask>"
                + "<bpmn:sequenceFlow id=\"flow_added\" sourceRef=\"userTask_added\" targetRef=\"userTask_confirmRequirement\" />";
        String changed = xml.replaceFirst("<bpmn:incoming>flow_toRequirement</bpmn:incoming>",
                        "<bpmn:incoming>flow_added</bpmn:incoming>")
                .replaceFirst("(<bpmn:sequenceFlow id=\"flow_toRequirement\" sourceRef=\"startEvent_requested\" )"
                        + "targetRef=\"userTask_confirmRequirement\"", "$1targetRef=\"userTask_added\"");
        return changed.replaceFirst("<bpmn:userTask id=\"userTask_confirmRequirement\"",
                java.util.regex.Matcher.quoteReplacement(task) + "<bpmn:userTask id=\"userTask_confirmRequirement\"");
    }

    /** A two-task model deployed straight to the engine (as an older version would have been). */
    private String deployed(String key, String firstTask, String secondTask) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="365">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="%2$s"/>
                    <bpmn:userTask id="%2$s" name="第一步" camunda:candidateGroups="technical" camunda:formRef="studio-test"
                        camunda:formRefBinding="deployment"><bpmn:extensionElements><camunda:properties>
                        <camunda:property name="clause" value="7.2.3.1"/></camunda:properties></bpmn:extensionElements></bpmn:userTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="%2$s" targetRef="%3$s"/>
                    <bpmn:userTask id="%3$s" name="第二步" camunda:candidateGroups="technical" camunda:formRef="studio-test"
                        camunda:formRefBinding="deployment"><bpmn:extensionElements><camunda:properties>
                        <camunda:property name="clause" value="7.2.3.2"/></camunda:properties></bpmn:extensionElements></bpmn:userTask>
                    <bpmn:sequenceFlow id="f3" sourceRef="%3$s" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>""".formatted(key, firstTask, secondTask);
        String form = "{\"type\":\"default\",\"id\":\"studio-test\",\"schemaVersion\":16,\"components\":[]}";
        var deployment = repository.createDeployment().addString(key + ".bpmn", xml)
                .addString("studio-test.form", form).deploy();
        return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult().getId();
    }

    /** The job executor is off in tests: run the batch's seed, migration and monitor jobs as it would. */
    private void runBatchJobs(String batchId) {
        for (int round = 0; round < 1000; round++) {
            var batch = management.createBatchQuery().batchId(batchId).singleResult();
            if (batch == null) {
                return; // the monitor job removes the batch when all its jobs are done
            }
            for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId(),
                    batch.getMonitorJobDefinitionId())) {
                management.createJobQuery().jobDefinitionId(definition).list()
                        .forEach(job -> management.executeJob(job.getId()));
            }
        }
        throw new AssertionError("batch " + batchId + " did not finish");
    }

    /** Another system administrator (two administrators editing one draft). */
    private String secondAdministrator() {
        String id = "studioadmin";
        if (identity.createUserQuery().userId(id).count() == 0) {
            var user = identity.newUser(id);
            user.setPassword(Staff.PASSWORD);
            Staff.save(identity, user);
            identity.createMembership(id, "systemAdmin");
        }
        return id;
    }

    private String latest(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getId();
    }

    private String bpmn(String definitionId) {
        return http().get(ADMIN, "/api/studio/definitions/" + definitionId + "/bpmn").body();
    }

    private JsonNode forms(String definitionId) throws Exception {
        return json(http().get(ADMIN, "/api/studio/definitions/" + definitionId + "/forms"), 200);
    }

    private static String body(Map<String, ?> value) throws Exception {
        return JSON.writeValueAsString(value);
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
