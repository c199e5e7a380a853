package org.secflow.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.secflow.audit.AuditChain;
import org.secflow.compliance.ModelProblem;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts of changed models kept on the server, so that work survives a closed tab and colleagues see it.
 * Saving needs the revision the editor started from: when someone saved in between, the save is refused
 * as a conflict carrying the draft as it is now. Creating, saving, discarding and deploying are recorded
 * in the audit trail with the actor (the deployment itself also by the engine's operation log).
 */
@Service
public class Drafts {

    private static final TypeReference<Map<String, JsonNode>> FORMS = new TypeReference<>() {
    };

    private final StudioMapper mapper;
    private final Models models;
    private final AuditChain audit;
    private final ObjectMapper json;

    Drafts(StudioMapper mapper, Models models, AuditChain audit, ObjectMapper json) {
        this.mapper = mapper;
        this.models = models;
        this.audit = audit;
        this.json = json;
    }

    /** Someone saved the draft after the editor read it; {@link #current()} is the draft as it is now. */
    public static class DraftConflict extends RuntimeException {
        private final transient ModelDraft current;

        DraftConflict(ModelDraft current) {
            super("草稿已被 " + current.getUpdatedBy() + " 于 " + current.getUpdatedAt() + " 保存（第 "
                    + current.getRevision() + " 版），请先查看其修改");
            this.current = current;
        }

        public ModelDraft current() {
            return current;
        }
    }

    public List<ModelDraft> list() {
        return mapper.drafts();
    }

    public ModelDraft get(long id) {
        ModelDraft draft = mapper.draft(id);
        if (draft == null) {
            throw new NotFoundException("草稿不存在：" + id);
        }
        return draft;
    }

    /** A new draft of a deployed version: its BPMN and the forms deployed with it. */
    @Transactional
    public ModelDraft create(String definitionId, String user) {
        ProcessDefinition definition = models.definition(definitionId);
        ModelDraft draft = new ModelDraft();
        draft.setProcessKey(definition.getKey());
        draft.setBaseDefinitionId(definitionId);
        draft.setBpmnXml(models.bpmn(definitionId));
        draft.setFormsJson(write(models.forms(definitionId)));
        draft.setRevision(1);
        draft.setCreatedBy(user);
        draft.setUpdatedBy(user);
        draft.setUpdatedAt(mapper.now());
        mapper.insertDraft(draft);
        record("studio.draft.created", user, draft);
        return draft;
    }

    @Transactional
    public ModelDraft save(long id, int revision, String bpmnXml, Map<String, JsonNode> forms, String user) {
        ModelDraft draft = get(id);
        draft.setRevision(revision);
        draft.setBpmnXml(bpmnXml);
        draft.setFormsJson(write(forms));
        draft.setUpdatedBy(user);
        draft.setUpdatedAt(mapper.now());
        if (mapper.saveDraft(draft) == 0) {
            throw new DraftConflict(get(id));
        }
        record("studio.draft.saved", user, draft);
        return get(id);
    }

    @Transactional
    public void discard(long id, String user) {
        ModelDraft draft = get(id);
        mapper.deleteDraft(id);
        record("studio.draft.discarded", user, draft);
    }

    public Map<String, JsonNode> forms(ModelDraft draft) {
        try {
            return json.readValue(draft.getFormsJson(), FORMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("draft " + draft.getId() + " holds unreadable forms", e);
        }
    }

    public List<ModelProblem> check(long id) {
        ModelDraft draft = get(id);
        return models.check(draft.getProcessKey(), draft.getBpmnXml(), forms(draft));
    }

    /**
     * Deploys the draft as it was saved at {@code revision} (not a newer save the deployer has not seen),
     * then removes it: the new version is the draft's record from now on.
     */
    @Transactional
    public ProcessDefinition deploy(long id, int revision, String user) {
        ModelDraft draft = get(id);
        if (draft.getRevision() != revision) {
            throw new DraftConflict(draft);
        }
        List<ModelProblem> problems = models.check(draft.getProcessKey(), draft.getBpmnXml(), forms(draft));
        if (!problems.isEmpty()) {
            throw new ModelRefused(problems);
        }
        ProcessDefinition deployed = models.deploy(draft.getProcessKey(), draft.getBpmnXml(), forms(draft));
        mapper.deleteDraft(id);
        Map<String, Object> content = summary(draft);
        content.put("deployedDefinitionId", deployed.getId());
        content.put("deployedVersion", deployed.getVersion());
        audit.append("studio.draft.deployed", null, user, content);
        return deployed;
    }

    private void record(String event, String user, ModelDraft draft) {
        audit.append(event, null, user, summary(draft));
    }

    private static Map<String, Object> summary(ModelDraft draft) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("draftId", draft.getId());
        content.put("processKey", draft.getProcessKey());
        content.put("baseDefinitionId", draft.getBaseDefinitionId());
        content.put("revision", draft.getRevision());
        content.put("bpmnSha256", sha256(draft.getBpmnXml()));
        return content;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Map<String, JsonNode> forms) {
        try {
            return json.writeValueAsString(forms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
