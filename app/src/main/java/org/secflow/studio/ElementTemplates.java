package org.secflow.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.secflow.compliance.Clause;
import org.secflow.compliance.ClauseCatalogue;
import org.secflow.compliance.DeploymentModelCheck;
import org.springframework.stereotype.Component;

/**
 * Camunda 7 element templates for what our models are made of, built from what exists: a person's step with its
 * staff group, form and clause; a service task calling one of our delegates; each shared step as a call activity.
 * The clause is picked from the catalogue with its text, never typed.
 */
@Component
class ElementTemplates {

    private static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

    private final ClauseCatalogue clauses;
    private final DeploymentModelCheck check;
    private final RepositoryService repository;

    ElementTemplates(ClauseCatalogue clauses, DeploymentModelCheck check, RepositoryService repository) {
        this.clauses = clauses;
        this.check = check;
        this.repository = repository;
    }

    List<Map<String, Object>> all() {
        List<Map<String, Object>> templates = new ArrayList<>();
        templates.add(template("secflow.userTask", "人员任务（条款、岗位组、表单）", "bpmn:UserTask", List.of(
                dropdown("岗位组", property("camunda:candidateGroups"), List.of(choice("管理类 management", "management"),
                        choice("技术类 technical", "technical"), choice("操作类 operations", "operations"))),
                clause(),
                map("label", "表单 id（formRef，随模型一起部署）", "type", "String", "binding", property("camunda:formRef"),
                        "constraints", map("notEmpty", true)),
                map("type", "Hidden", "value", "deployment", "binding", property("camunda:formRefBinding")))));
        templates.add(template("secflow.serviceTask", "调用本系统服务", "bpmn:ServiceTask", List.of(
                dropdown("服务（Bean）", property("camunda:delegateExpression"), check.delegates().stream()
                        .map(bean -> choice(bean, "${" + bean + "}")).toList()),
                clause())));
        for (ProcessDefinition shared : repository.createProcessDefinitionQuery().latestVersion().list()) {
            if (shared.getName() != null && shared.getName().endsWith("（共用）")) {
                templates.add(template("secflow.shared." + shared.getKey(), "共用步骤：" + shared.getName(),
                        "bpmn:CallActivity", List.of(
                                map("type", "Hidden", "value", shared.getKey(), "binding", property("calledElement")),
                                map("type", "Hidden", "binding", map("type", "camunda:in", "variables", "all")),
                                map("type", "Hidden", "binding", map("type", "camunda:out", "variables", "all")),
                                clause())));
            }
        }
        return templates;
    }

    private Map<String, Object> clause() {
        return dropdown("条款（标准第 7 章的子条款）", map("type", "camunda:property", "name", "clause"),
                clauses.all().stream().map(this::choice).toList());
    }

    private Map<String, Object> choice(Clause clause) {
        String text = clause.text() == null ? "" : clause.text().strip();
        return choice(clause.number() + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text),
                clause.number());
    }

    private static Map<String, Object> template(String id, String name, String appliesTo, List<Map<String, Object>> properties) {
        return map("$schema", SCHEMA, "id", id, "name", name, "version", 1, "appliesTo", List.of(appliesTo),
                "properties", properties);
    }

    private static Map<String, Object> dropdown(String label, Map<String, Object> binding, List<Map<String, Object>> choices) {
        return map("label", label, "type", "Dropdown", "binding", binding, "choices", choices);
    }

    private static Map<String, Object> choice(String name, String value) {
        return map("name", name, "value", value);
    }

    private static Map<String, Object> property(String name) {
        return map("type", "property", "name", name);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
