package org.secflow.form;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import camundajar.impl.scala.Product;
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
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.JavaFunctionInvocation;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.QualifiedFunctionInvocation;
import org.camunda.feel.syntaxtree.Ref;
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
    private static final int MAX_OUTCOMES = 10_000;
    /** A longer text (a report's body) is not kept in a key: the outcomes stay a few megabytes at most. */
    private static final int MAX_KEPT_TEXT = 200;

    private final ObjectMapper json;
    private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();
    private final Map<String, FormContract> byFormDefinition = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> formsById = new ConcurrentHashMap<>();
    /** Form definitions bound to a deployment, by deployment and key: a deployment never changes. */
    private final Map<String, FormRef> byDeploymentAndKey = new ConcurrentHashMap<>();

    /** What a form definition's lookup gives: enough to read its resource. */
    private record FormRef(String id, String deploymentId, String resourceName) {
    }
    private final Map<String, Condition> conditions = new ConcurrentHashMap<>();
    /** Outcomes of conditions by their text and the values they read; cleared when it grows past its bound. */
    private final Map<List<Object>, Boolean> outcomes = new ConcurrentHashMap<>();

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

    /**
     * True only when the condition evaluates to true; an expression that fails shows the field, as form-js does.
     * A condition that reads only plain values (no function: {@code now()} changes by itself) has the same outcome for
     * the same values, so it is evaluated once per combination: FEEL builds its built-in functions anew on every
     * evaluation, a tenth of the form check's time for a handful of {@code x = true} conditions.
     */
    @Override
    public boolean isTrue(String expression, Map<String, Object> values) {
        Condition condition = conditions.computeIfAbsent(expression, text -> {
            ParseResult result = feel.parseExpression(text);
            return result.isSuccess() ? Condition.of(result.parsedExpression()) : new Condition(null, null);
        });
        if (condition.parsed() == null) {
            log.warn("form condition {} is not FEEL; the field is shown", expression);
            return false;
        }
        List<Object> key = condition.key(expression, values);
        Boolean known = key == null ? null : outcomes.get(key);
        if (known != null) {
            return known;
        }
        EvaluationResult result = feel.evaluate(condition.parsed(), values);
        boolean outcome = result.isSuccess() && Boolean.TRUE.equals(result.result());
        if (key != null) {
            if (outcomes.size() >= MAX_OUTCOMES) {
                outcomes.clear();
            }
            outcomes.put(key, outcome);
        }
        return outcome;
    }

    /** A parsed condition and the variables it reads; {@code reads} is null when its outcome may not be kept. */
    record Condition(ParsedExpression parsed, List<String> reads) {

        static Condition of(ParsedExpression parsed) {
            Set<String> reads = new TreeSet<>();
            return new Condition(parsed, collectReads(parsed.expression(), reads) ? List.copyOf(reads) : null);
        }

        /** Adds the variables a syntax tree reads; false when it calls a function. */
        private static boolean collectReads(Object node, Set<String> reads) {
            if (node instanceof FunctionInvocation || node instanceof QualifiedFunctionInvocation
                    || node instanceof JavaFunctionInvocation) {
                return false;
            }
            if (node instanceof Ref ref) {
                reads.add(ref.names().head());
                return true;
            }
            if (node instanceof Product product) {
                for (int i = 0; i < product.productArity(); i++) {
                    if (!collectReads(product.productElement(i), reads)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The key of its outcome for these values, or null when a value read is not a plain one or a long text. */
        List<Object> key(String expression, Map<String, Object> values) {
            if (reads == null) {
                return null;
            }
            Object[] key = new Object[reads.size() + 1];
            key[0] = expression;
            for (int i = 0; i < reads.size(); i++) {
                Object value = values.get(reads.get(i));
                if (value != null && !(value instanceof Boolean || value instanceof Number
                        || value instanceof String text && text.length() <= MAX_KEPT_TEXT)) {
                    return null;
                }
                key[i + 1] = value;
            }
            return Arrays.asList(key);
        }
    }
}
