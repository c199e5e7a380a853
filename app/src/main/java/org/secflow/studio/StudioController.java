package org.secflow.studio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' studio (流程建模工作台): models and their versions, drafts, the deploy-time check,
 * deploying, and migrating running instances. Whoever may create deployments may use it (the system
 * administrator; the demo superuser); auditors read what was saved, deployed and migrated; staff nothing.
 */
@RestController
@RequestMapping("/api/studio")
class StudioController {

    private final Models models;
    private final Drafts drafts;
    private final Migrations migrations;
    private final ApiPermissions permissions;
    private final ElementTemplates templates;

    StudioController(Models models, Drafts drafts, Migrations migrations,
                     ApiPermissions permissions, ElementTemplates templates) {
        this.templates = templates;
        this.models = models;
        this.drafts = drafts;
        this.migrations = migrations;
        this.permissions = permissions;
    }

    record CheckRequest(String processKey, String bpmnXml, Map<String, JsonNode> forms) {
    }

    record NewDraft(String definitionId) {
    }

    record DraftChange(Integer revision, String bpmnXml, Map<String, JsonNode> forms) {
    }

    record Deploy(Integer revision) {
    }

    record PlanRequest(String sourceDefinitionId, String targetDefinitionId, List<Migrations.Instruction> instructions,
                       List<String> processInstanceIds) {
    }

    @GetMapping("/models")
    List<Models.Model> models() {
        administrator();
        return models.list();
    }

    @GetMapping(value = "/definitions/{id}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    String bpmn(@PathVariable String id) {
        administrator();
        return models.bpmn(id);
    }

    @GetMapping("/definitions/{id}/forms")
    Map<String, JsonNode> forms(@PathVariable String id) {
        administrator();
        return models.forms(id);
    }

    /** Element templates of what our models are made of (the modeler's template chooser). */
    @GetMapping("/element-templates")
    List<Map<String, Object>> elementTemplates() {
        administrator();
        return templates.all();
    }

    /**
     * What changed from one model to another; each side is {@code definition:<id>} or {@code draft:<id>} (the
     * draft as saved).
     */
    @GetMapping("/diff")
    List<ModelDiff.ElementChange> diff(@RequestParam String from, @RequestParam String to) {
        administrator();
        return ModelDiff.between(xml(from, "from"), xml(to, "to"));
    }

    record DiffRequest(String beforeXml, String afterXml) {
    }

    /** What changed between two texts of a model (an editor's unsaved model against a colleague's save). */
    @PostMapping("/diff")
    List<ModelDiff.ElementChange> diff(@RequestBody DiffRequest request) {
        administrator();
        require(request.beforeXml(), "beforeXml");
        require(request.afterXml(), "afterXml");
        return ModelDiff.between(request.beforeXml(), request.afterXml());
    }

    private String xml(String side, String field) {
        if (side.startsWith("definition:")) {
            return models.bpmn(side.substring("definition:".length()));
        }
        if (side.startsWith("draft:") && side.substring(6).matches("\\d{1,18}")) {
            return drafts.get(Long.parseLong(side.substring(6))).getBpmnXml();
        }
        throw new InvalidInputException(field, "须为 definition:<流程定义 id> 或 draft:<草稿编号>");
    }

    @PostMapping("/check")
    Map<String, Object> check(@RequestBody CheckRequest request) {
        administrator();
        require(request.processKey(), "processKey");
        require(request.bpmnXml(), "bpmnXml");
        return Map.of("problems", models.check(request.processKey(), request.bpmnXml(),
                request.forms() == null ? Map.of() : request.forms()));
    }

    @GetMapping("/drafts")
    List<ModelDraft> drafts() {
        administrator();
        return drafts.list();
    }

    @PostMapping("/drafts")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createDraft(@RequestBody NewDraft request) {
        administrator();
        require(request.definitionId(), "definitionId");
        return withForms(drafts.create(request.definitionId(), permissions.currentUser()));
    }

    @GetMapping("/drafts/{id}")
    Map<String, Object> draft(@PathVariable long id) {
        administrator();
        return withForms(drafts.get(id));
    }

    @PutMapping("/drafts/{id}")
    Map<String, Object> saveDraft(@PathVariable long id, @RequestBody DraftChange change) {
        administrator();
        if (change.revision() == null) {
            throw new InvalidInputException("revision", "必填：保存所基于的草稿版本");
        }
        require(change.bpmnXml(), "bpmnXml");
        return withForms(drafts.save(id, change.revision(), change.bpmnXml(),
                change.forms() == null ? Map.of() : change.forms(), permissions.currentUser()));
    }

    @DeleteMapping("/drafts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discardDraft(@PathVariable long id) {
        administrator();
        drafts.discard(id, permissions.currentUser());
    }

    @PostMapping("/drafts/{id}/check")
    Map<String, Object> checkDraft(@PathVariable long id) {
        administrator();
        return Map.of("problems", drafts.check(id));
    }

    @PostMapping("/drafts/{id}/deploy")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> deploy(@PathVariable long id, @RequestBody Deploy request) {
        administrator();
        if (request.revision() == null) {
            throw new InvalidInputException("revision", "必填：部署所基于的草稿版本");
        }
        ProcessDefinition deployed = drafts.deploy(id, request.revision(), permissions.currentUser());
        return Map.of("definitionId", deployed.getId(), "key", deployed.getKey(), "version", deployed.getVersion(),
                "deploymentId", deployed.getDeploymentId());
    }

    @PostMapping("/migrations/plan")
    Migrations.Plan plan(@RequestBody PlanRequest request) {
        administrator();
        definitions(request);
        return migrations.generate(request.sourceDefinitionId(), request.targetDefinitionId());
    }

    @PostMapping("/migrations/validate")
    Migrations.Plan validate(@RequestBody PlanRequest request) {
        administrator();
        definitions(request);
        return migrations.validate(request.sourceDefinitionId(), request.targetDefinitionId(), instructions(request));
    }

    @PostMapping("/migrations")
    @ResponseStatus(HttpStatus.CREATED)
    Migrations.Run migrate(@RequestBody PlanRequest request) {
        administrator();
        definitions(request);
        return migrations.execute(request.sourceDefinitionId(), request.targetDefinitionId(), instructions(request),
                request.processInstanceIds(), permissions.currentUser());
    }

    @GetMapping("/migrations/{id}")
    Migrations.Run migration(@PathVariable long id) {
        historyReader();
        return migrations.run(id);
    }

    /** What was saved, deployed and migrated: for the administrators and the auditors. */
    @GetMapping("/history")
    Map<String, Object> history() {
        historyReader();
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("drafts", drafts.list());
        history.put("deployments", models.studioDeployments());
        history.put("migrations", migrations.list());
        return history;
    }

    @ExceptionHandler(Drafts.DraftConflict.class)
    ResponseEntity<Map<String, Object>> conflict(Drafts.DraftConflict e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 409);
        body.put("message", e.getMessage());
        body.put("current", withForms(e.current()));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }

    @ExceptionHandler(ModelRefused.class)
    ResponseEntity<Map<String, Object>> refused(ModelRefused e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("message", e.getMessage());
        body.put("problems", e.problems());
        body.put("fields", e.problems().stream().map(p -> Map.of("field",
                p.elementId() == null ? (p.resource() == null ? "model" : p.resource()) : p.elementId(),
                "reason", p.message())).toList());
        return ResponseEntity.badRequest().body(body);
    }

    private Map<String, Object> withForms(ModelDraft draft) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", draft.getId());
        answer.put("processKey", draft.getProcessKey());
        answer.put("baseDefinitionId", draft.getBaseDefinitionId());
        answer.put("revision", draft.getRevision());
        answer.put("createdBy", draft.getCreatedBy());
        answer.put("updatedBy", draft.getUpdatedBy());
        answer.put("updatedAt", draft.getUpdatedAt());
        answer.put("bpmnXml", draft.getBpmnXml());
        answer.put("forms", drafts.forms(draft));
        return answer;
    }

    private void administrator() {
        permissions.require(Permissions.CREATE, Resources.DEPLOYMENT);
    }

    private void historyReader() {
        if (!permissions.allows(Permissions.CREATE, Resources.DEPLOYMENT)) {
            permissions.require(PlatformPermission.READ, PlatformResource.AUDIT_TRAIL);
        }
    }

    private static void definitions(PlanRequest request) {
        require(request.sourceDefinitionId(), "sourceDefinitionId");
        require(request.targetDefinitionId(), "targetDefinitionId");
    }

    private static List<Migrations.Instruction> instructions(PlanRequest request) {
        if (request.instructions() == null) {
            throw new InvalidInputException("instructions", "必填：迁移计划的映射");
        }
        return request.instructions();
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "必填");
        }
    }
}
