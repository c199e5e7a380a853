package org.secflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The conventions of ARCHITECTURE.md, kept by every deployed model and enforced on every new
 * deployment, also one an administrator makes over the engine REST API.
 */
@IntegrationTest
class ModelConventionsTest {

    @Autowired RepositoryService repositoryService;
    @Autowired ClauseCatalogue catalogue;
    @LocalServerPort int port;

    @Test
    void everyDeployedModelKeepsTheConventions() {
        List<String> problems = new ArrayList<>();
        List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().latestVersion().list();
        assertThat(definitions).hasSizeGreaterThanOrEqualTo(37);
        for (ProcessDefinition definition : definitions) {
            List<String> forms = repositoryService.getDeploymentResourceNames(definition.getDeploymentId()).stream()
                    .filter(name -> name.endsWith(".form"))
                    .map(name -> name.substring(name.lastIndexOf('/') + 1, name.length() - 5)).toList();
            ModelCheck.problems(definition.getKey(), repositoryService.getBpmnModelInstance(definition.getId()), forms,
                    catalogue).forEach(problem -> problems.add(problem.describe()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void deploymentThatBreaksTheConventionsIsRefusedWithEveryProblem() throws Exception {
        String broken = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="brokenBoundary" name="边界安全（错误）" isExecutable="true" camunda:historyTimeToLive="30">
                    <bpmn:extensionElements><camunda:properties><camunda:property name="clause" value="7.2.1"/></camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="start"/>
                    <bpmn:userTask id="userTask_configure" name="配置">
                      <bpmn:extensionElements><camunda:properties><camunda:property name="clause" value="7.2.1.4,7.2.1.99"/></camunda:properties></bpmn:extensionElements>
                    </bpmn:userTask>
                    <bpmn:endEvent id="end"/>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="userTask_configure"/>
                    <bpmn:sequenceFlow id="f2" sourceRef="userTask_configure" targetRef="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        long before = repositoryService.createDeploymentQuery().count();

        HttpResponse<String> response = deploy(Map.of("broken.bpmn", broken.strip().getBytes(StandardCharsets.UTF_8)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("historyTimeToLive", "userTask_configure", "7.2.1.99",
                "management、technical 或 operations", "Camunda 表单");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    }

    @Test
    void modelRedeployedWithoutItsFormsIsRefusedAndWithThemAccepted() throws Exception {
        Path processes = Path.of("..", "processes");
        byte[] model = Files.readAllBytes(processes.resolve("7.2.1-boundary-security.bpmn"));

        HttpResponse<String> alone = deploy(Map.of("7.2.1-boundary-security.bpmn", model));
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(alone.body()).contains("boundary-plan", "未随模型一起部署");

        Map<String, byte[]> withForms = new LinkedHashMap<>();
        withForms.put("7.2.1-boundary-security.bpmn", model);
        for (String form : List.of("service-start", "boundary-requirement", "boundary-plan", "boundary-configure",
                "boundary-access-control")) {
            withForms.put(form + ".form", Files.readAllBytes(Path.of("..", "forms", form + ".form")));
        }
        assertThat(deploy(withForms).statusCode()).isEqualTo(200);
    }

    /** Deploys as the administrator through the engine REST API, as Camunda Modeler does. */
    private HttpResponse<String> deploy(Map<String, byte[]> files) throws IOException, InterruptedException {
        String boundary = "----secflow" + System.nanoTime();
        List<byte[]> parts = new ArrayList<>();
        parts.add(part(boundary, "deployment-name", null, "model-check-test".getBytes(StandardCharsets.UTF_8)));
        parts.add(part(boundary, "deploy-changed-only", null, "true".getBytes(StandardCharsets.UTF_8)));
        files.forEach((name, content) -> parts.add(part(boundary, name, name, content)));
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + adminPassword()).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String adminPassword() {
        String fromEnvironment = System.getenv("SECFLOW_ADMIN_PASSWORD");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "demo" : fromEnvironment;
    }

    private static byte[] part(String boundary, String name, String filename, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\n"
                + (filename == null ? "" : "Content-Type: application/octet-stream\r\n") + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + content.length + 2];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(content, 0, all, headBytes.length, content.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        return all;
    }
}
