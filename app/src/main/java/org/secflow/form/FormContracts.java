package org.secflow.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deployed Camunda Form of a task or a start event, parsed once per form definition (a form
 * definition belongs to one deployment and never changes), and the FEEL engine that Camunda 7 ships
 * for its conditions — the same language form-js evaluates in the browser.
 */
@Component
public class FormContracts implements FormContract.Conditions {

    private static final Logger log = LoggerFactory.getLogger(FormContracts.class);
    private static final String DEPLOYMENT = "deployment";
    private static final String VERSION = "version";

    private final ObjectMapper json;
    private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    private final Map<String, FormContract> byFormDefinition = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> formsById = new ConcurrentHashMap<>();
    /** Form definitions bound to a deployment, by deployment and key: a deployment never changes. */
    private final Map<String, FormRef> byDeploymentAndKey = new ConcurrentHashMap<>();

    /** What a form definition's lookup gives: enough to read its resource. */
    private record FormRef(String id, String deploymentId, String resourceName) {
    }
    private final Map<String, Optional<ParsedExpression>> expressions = new ConcurrentHashMap<>();

    public FormContracts(ObjectMapper json) {
        this.json = json;
    }

    /** The form the Tasklist renders for this task, if it has a Camunda Form. */
    Optional<FormContract> forTask(CommandContext context, TaskEntity task) {
        task.initializeFormKey();
        CamundaFormRef ref = task.getCamundaFormRef();
        if (ref == null) {
            return Optional.empty();
        }
        return find(context, ref.getKey(), ref.getBinding(), ref.getVersion(), task.getProcessDefinition());
    }

    /**
     * The deployed Camunda Form (form-js JSON) that the Tasklist renders for this task, read once per form
     * definition; empty when the task has none. Do not change the returned tree.
     */
    public Optional<JsonNode> formOfTask(CommandContext context, TaskEntity task) {
        task.initializeFormKey();
        CamundaFormRef ref = task.getCamundaFormRef();
        if (ref == null) {
            return Optional.empty();
        }
        return ref(context, ref.getKey(), ref.getBinding(), ref.getVersion(), task.getProcessDefinition())
                .map(form -> json(context, form));
    }

    /** The start form of the process definition, if it has a Camunda Form. */
    Optional<FormContract> forStart(CommandContext context, ProcessDefinitionEntity definition) {
        FormDefinition start = definition.getStartFormDefinition();
        if (start == null || start.getCamundaFormDefinitionKey() == null) {
            return Optional.empty();
        }
        Integer version = start.getCamundaFormDefinitionVersion() == null ? null
                : Integer.valueOf(start.getCamundaFormDefinitionVersion().getExpressionText());
        return find(context, start.getCamundaFormDefinitionKey().getExpressionText(),
                start.getCamundaFormDefinitionBinding(), version, definition);
    }

    private Optional<FormContract> find(CommandContext context, String key, String binding, Integer version,
                                        ProcessDefinitionEntity definition) {
        return ref(context, key, binding, version, definition)
                .map(form -> byFormDefinition.computeIfAbsent(form.id(), id -> FormContract.parse(json(context, form))));
    }

    private Optional<FormRef> ref(CommandContext context, String key, String binding, Integer version,
                                  ProcessDefinitionEntity definition) {
        if (DEPLOYMENT.equals(binding)) {
            FormRef cached = byDeploymentAndKey.get(definition.getDeploymentId() + "/" + key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        var forms = context.getCamundaFormDefinitionManager();
        CamundaFormDefinitionEntity form = DEPLOYMENT.equals(binding)
                ? forms.findDefinitionByDeploymentAndKey(definition.getDeploymentId(), key)
                : VERSION.equals(binding) ? forms.findDefinitionByKeyVersionAndTenantId(key, version, definition.getTenantId())
                : forms.findLatestDefinitionByKey(key);
        if (form == null) {
            return Optional.empty();
        }
        FormRef found = new FormRef(form.getId(), form.getDeploymentId(), form.getResourceName());
        if (DEPLOYMENT.equals(binding)) {
            byDeploymentAndKey.put(definition.getDeploymentId() + "/" + key, found);
        }
        return Optional.of(found);
    }

    private JsonNode json(CommandContext context, FormRef form) {
        return formsById.computeIfAbsent(form.id(), id -> {
            ResourceEntity resource = context.getResourceManager()
                    .findResourceByDeploymentIdAndResourceName(form.deploymentId(), form.resourceName());
            try {
                return json.readTree(resource.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("form " + form.resourceName() + " is not JSON", e);
            }
        });
    }

    /** True only when the condition evaluates to true; an expression that fails shows the field, as form-js does. */
    @Override
    public boolean isTrue(String expression, Map<String, Object> values) {
        Optional<ParsedExpression> parsed = expressions.computeIfAbsent(expression, text -> {
            ParseResult result = feel.parseExpression(text);
            return result.isSuccess() ? Optional.of(result.parsedExpression()) : Optional.empty();
        });
        if (parsed.isEmpty()) {
            log.warn("form condition {} is not FEEL; the field is shown", expression);
            return false;
        }
        EvaluationResult result = feel.evaluate(parsed.get(), values);
        return result.isSuccess() && Boolean.TRUE.equals(result.result());
    }
}
