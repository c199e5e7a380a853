package org.secflow.form;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.secflow.security.Groups;
import org.secflow.web.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The deployed form is the contract of its task: whoever completes a task or starts a process — the
 * Tasklist, the engine REST API, a script, our own services acting for a person — may write only what
 * the task's (or start event's) Camunda Form offers, with the values it allows. One command interceptor
 * in front of the engine, so no entry point is left out. Variables outside forms — messages and signals
 * with a payload — come from administrators and the service accounts of other systems
 * ({@link Groups#SERVICE_ACCOUNT}), never from staff; starting in the middle of a process is for
 * administrators (the system administrator; the demo profile's superuser) only. The variable endpoints themselves are closed to staff by Camunda's
 * authorizations (no UPDATE_VARIABLE).
 *
 * <p>Only commands that a person issues are checked: the outermost command of a thread, with a user
 * logged in. Commands that the engine or a delegate issues inside another command (a message sent by a
 * process step) are the model's own doing. The check runs inside the command's own context and transaction,
 * before the command does anything (one transaction and one set of authorization lookups per completion, not
 * two); a refusal rolls back nothing but the check's reads.
 */
@Component
public class SubmissionGuard extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(SubmissionGuard.class);
    private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);
    private static final ThreadLocal<Boolean> PLATFORM_START = ThreadLocal.withInitial(() -> false);
    private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();
    private static final String NO_FORM = "此任务没有表单，不能提交变量";
    private static final String NOT_BY_FORM = "流程变量只能通过表单或决策写入，消息只能由管理员或服务账户携带变量";

    private final FormContracts contracts;
    private final Timer taskChecks;
    private final Timer startChecks;
    private ProcessEngineConfigurationImpl configuration;

    public SubmissionGuard(FormContracts contracts, MeterRegistry meters) {
        this.contracts = contracts;
        // the guard's own cost per submission, read by the benchmark
        this.taskChecks = Timer.builder("secflow.form.guard").tag("submission", "task").publishPercentiles(0.5, 0.99)
                .register(meters);
        this.startChecks = Timer.builder("secflow.form.guard").tag("submission", "start").publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * Starts a process with values that one of our services computed from a record it validated itself
     * (a consultation from its ticket, the review of a mitigation, vulnerability management for the findings of
     * an import): not a person's form submission. Also a start by message, whose payload is then the platform's.
     */
    public static <T> T startedByPlatform(Supplier<T> start) {
        PLATFORM_START.set(true);
        try {
            return start.get();
        } finally {
            PLATFORM_START.remove();
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
        }
        // after the command context is opened: the check's reads share it (see the class comment)
        configuration.getCustomPostCommandInterceptorsTxRequired().add(0, new Interceptor());
    }

    private final class Interceptor extends CommandInterceptor {
        @Override
        public <T> T execute(Command<T> command) {
            int depth = DEPTH.get();
            DEPTH.set(depth + 1);
            try {
                if (depth == 0) {
                    guard(command);
                }
                return next.execute(command);
            } finally {
                if (depth == 0) {
                    DEPTH.remove();
                } else {
                    DEPTH.set(depth);
                }
            }
        }
    }

    private void guard(Command<?> command) {
        Authentication user = configuration.getIdentityService().getCurrentAuthentication();
        if (user == null || user.getUserId() == null) {
            return; // the platform itself (timers, start-up, our services without a person)
        }
        if (command instanceof CompleteTaskCmd complete) { // also ResolveTaskCmd
            Map<String, Object> submitted = read(complete, "variables");
            write(complete, "variables", checkTask(read(complete, "taskId"), submitted, user), submitted);
        } else if (command instanceof SubmitTaskFormCmd submit) {
            VariableMap submitted = read(submit, "properties");
            write(submit, "properties", checkTask(read(submit, "taskId"), submitted, user), submitted);
        } else if (command instanceof StartProcessInstanceCmd start && !PLATFORM_START.get()) {
            ProcessInstantiationBuilderImpl builder = read(start, "instantiationBuilder");
            FormContract.Verdict verdict = checkStart(builder.getProcessDefinitionId(), builder.getProcessDefinitionKey(),
                    builder.getVariables(), user);
            verdict.dropped().forEach(builder.getVariables()::remove);
        } else if (command instanceof SubmitStartFormCmd submit) {
            VariableMap submitted = read(submit, "variables");
            write(submit, "variables", checkStart(read(submit, "processDefinitionId"), null, submitted, user), submitted);
        } else if (command instanceof StartProcessInstanceAtActivitiesCmd) {
            refuseUnlessAdministrator(user, "startInstructions", "流程只能从开始事件启动，跳过步骤只允许管理员执行");
        } else if (command instanceof AbstractCorrelateMessageCmd correlate && !PLATFORM_START.get()) {
            MessageCorrelationBuilderImpl builder = read(correlate, "builder");
            refuseVariablesUnlessSystem(user, builder.getPayloadProcessInstanceVariables(),
                    builder.getPayloadProcessInstanceVariablesLocal(), builder.getPayloadProcessInstanceVariablesToTriggeredScope());
        } else if (command instanceof MessageEventReceivedCmd received) {
            refuseVariablesUnlessSystem(user, read(received, "processVariables"),
                    read(received, "processVariablesLocal"), read(received, "processVariablesToTriggeredScope"));
        } else if (command instanceof SignalEventReceivedCmd signal) {
            SignalEventReceivedBuilderImpl builder = read(signal, "builder");
            refuseVariablesUnlessSystem(user, builder.getVariables());
        }
    }

    private FormContract.Verdict checkTask(String taskId, Map<String, Object> submitted, Authentication user) {
        if (taskId == null) {
            return accepted();
        }
        // inside the completion's command: the task, its form and, for a refusal, whether the person may see the task
        FormContract.Verdict verdict = taskChecks.record(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null || task.getProcessDefinitionId() == null) {
                return accepted(); // the command answers an unknown task; a stand-alone task has no model and no form
            }
            FormContract.Verdict checked = contracts.forTask(context, task)
                    .map(contract -> contract.check(values(submitted), () -> values(task.getVariables()), contracts))
                    .orElseGet(() -> withoutForm(submitted, NO_FORM));
            // a task the person may not see is refused by the command itself (403/404), before any form detail is told;
            // asked only when there is a detail to tell (the query joins the authorizations: a round trip and a tenth of
            // a completion's CPU, for every completion when it was asked first)
            if (checked.refused() && configuration.getTaskService().createTaskQuery().taskId(taskId).count() == 0) {
                return accepted();
            }
            return checked;
        }));
        return enforce(verdict, "task " + taskId, user);
    }

    private FormContract.Verdict checkStart(String definitionId, String definitionKey, Map<String, Object> submitted,
                                            Authentication user) {
        FormContract.Verdict verdict = startChecks.record(() -> configuration.getCommandExecutorTxRequired().execute(context -> {
            ProcessDefinitionEntity definition = definition(context, definitionId, definitionKey);
            if (definition == null) {
                return accepted(); // the command answers an unknown definition itself
            }
            return contracts.forStart(context, definition)
                    .map(contract -> contract.check(values(submitted), Map::of, contracts))
                    .orElseGet(() -> withoutForm(submitted, "此流程没有开始表单，启动时不能提交变量"));
        }));
        return enforce(verdict, "start of " + (definitionId != null ? definitionId : definitionKey), user);
    }

    private static ProcessDefinitionEntity definition(CommandContext context, String id, String key) {
        var cache = context.getProcessEngineConfiguration().getDeploymentCache();
        try {
            return id != null ? cache.findDeployedProcessDefinitionById(id) : cache.findDeployedLatestProcessDefinitionByKey(key);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private static FormContract.Verdict enforce(FormContract.Verdict verdict, String what, Authentication user) {
        if (verdict.refused()) {
            log.warn("refused {} by {}: {}", what, user.getUserId(), verdict.errors());
            throw new FormSubmissionRefused(verdict.errors());
        }
        return verdict;
    }

    private void refuseUnlessAdministrator(Authentication user, String field, String reason) {
        if (!isAdministrator(user)) {
            log.warn("refused {} by {}: {}", field, user.getUserId(), reason);
            throw new FormSubmissionRefused(List.of(new FieldError(field, reason)));
        }
    }

    @SafeVarargs
    private void refuseVariablesUnlessSystem(Authentication user, Map<String, Object>... variables) {
        List<FieldError> errors = new ArrayList<>();
        for (Map<String, Object> map : variables) {
            if (map != null) {
                map.keySet().forEach(key -> errors.add(new FieldError(key, NOT_BY_FORM)));
            }
        }
        if (!errors.isEmpty() && !isAdministrator(user) && !isMember(user, Groups.SERVICE_ACCOUNT)) {
            log.warn("refused variables by {}: {}", user.getUserId(), errors);
            throw new FormSubmissionRefused(errors);
        }
    }

    private boolean isAdministrator(Authentication user) {
        return isMember(user, Groups.SYSTEM_ADMIN) || isMember(user, Groups.ADMIN);
    }

    private boolean isMember(Authentication user, String group) {
        List<String> groups = user.getGroupIds();
        if (groups != null && !groups.isEmpty()) {
            return groups.contains(group);
        }
        return configuration.getIdentityService().createGroupQuery().groupMember(user.getUserId())
                .groupId(group).count() > 0;
    }

    private static FormContract.Verdict withoutForm(Map<String, Object> submitted, String reason) {
        List<FieldError> errors = submitted == null ? List.of()
                : submitted.keySet().stream().map(key -> new FieldError(key, reason)).toList();
        return new FormContract.Verdict(errors, java.util.Set.of());
    }

    private static FormContract.Verdict accepted() {
        return new FormContract.Verdict(List.of(), java.util.Set.of());
    }

    /** The plain values of a submission (typed values unwrapped, JSON as its text); null for none. */
    private static Map<String, Object> values(Map<String, Object> variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (variables == null) {
            return values;
        }
        VariableMap typed = variables instanceof VariableMap map ? map : null;
        for (String key : variables.keySet()) {
            Object value = typed != null ? typed.getValueTyped(key) : variables.get(key);
            if (value instanceof TypedValue typedValue) {
                value = typedValue.getValue();
            }
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof java.util.Date || value instanceof Collection<?>)) {
                value = value.toString();
            }
            values.put(key, value);
        }
        return values;
    }

    /** Puts the submission back into the command without the values the form drops (hidden, unchanged read-only). */
    private static void write(Object command, String field, FormContract.Verdict verdict, Map<String, Object> submitted) {
        if (verdict.dropped().isEmpty() || submitted == null) {
            return;
        }
        VariableMap kept = Variables.createVariables();
        VariableMap typed = submitted instanceof VariableMap map ? map : null;
        submitted.keySet().stream().filter(key -> !verdict.dropped().contains(key))
                .forEach(key -> kept.putValueTyped(key, typed != null ? typed.getValueTyped(key)
                        : Variables.untypedValue(submitted.get(key))));
        try {
            field(command.getClass(), field).set(command, kept);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot filter " + field + " of " + command.getClass().getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T read(Object command, String name) {
        try {
            return (T) field(command.getClass(), name).get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + name + " of " + command.getClass().getSimpleName(), e);
        }
    }

    // Camunda's commands keep their arguments in protected fields without getters (checked against 7.24).
    private static Field field(Class<?> type, String name) {
        return FIELDS.computeIfAbsent(type.getName() + "#" + name, k -> {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return f;
                } catch (NoSuchFieldException next) {
                    // look in the superclass
                }
            }
            throw new IllegalStateException(type.getName() + " has no field " + name);
        });
    }
}
