package org.secflow.compliance;

import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Keeps the clause check's outcome of a service process soon after it ended, on a thread of its own once the end is
 * committed, so that the summaries and pass rates of its period find it kept. Losing one (a full queue, a node
 * stopped before it ran) loses nothing: the next computation that needs it traces the process and keeps it then.
 */
@Component
class ConformanceResultRecorder extends AbstractProcessEnginePlugin implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ConformanceResultRecorder.class);

    private final ConformanceService conformance;
    private final ThreadPoolExecutor keeper = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "conformance-results");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    ConformanceResultRecorder(@Lazy ConformanceService conformance) {
        this.conformance = conformance;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        ExecutionListener keepAfterCommit = this::keepAfterCommit;
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
                processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END, keepAfterCommit);
            }
        });
    }

    /** At the end of a process that no other process called: keep its outcome once the end is committed. */
    private void keepAfterCommit(DelegateExecution execution) {
        CommandContext command = Context.getCommandContext();
        if (command != null && execution.getProcessInstance().getSuperExecution() == null) {
            String id = execution.getProcessInstanceId();
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> keeper.execute(() -> keep(id)));
        }
    }

    private void keep(String processInstanceId) {
        try {
            conformance.keepOutcomeOf(processInstanceId);
        } catch (RuntimeException e) {
            LOG.warn("Outcome of process {} not kept now (kept when next needed): {}", processInstanceId, e.toString());
        }
    }

    @Override
    public void destroy() {
        keeper.shutdownNow();
    }
}
