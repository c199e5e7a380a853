package org.secflow.process;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The readable subject (事项) of a service process, kept as the process variable {@code subject} from
 * its start: what auditors look for in the list and staff read on the Tasklist card instead of an
 * instance id. The shared steps receive it with the caller's variables.
 */
public final class ProcessSubject {

    public static final String VARIABLE = "subject";

    /** What the process is about, first one present wins: incident title, vulnerability, ticket, request. */
    static final List<String> OBJECTS = List.of("title", "vulnerabilityName", "consultationSummary",
            "requestSummary", "reviewSubject", "implementationSubject", "filingSubject");
    /** Who asked for it (使用方). */
    static final String PARTY = "requestingUnit";
    static final int MAX_LENGTH = 80;

    private ProcessSubject() {
    }

    /** Sets the subject at the start of a process that has none yet (a called shared step inherits its caller's). */
    static void setAtStart(DelegateExecution execution) {
        if (execution.getVariable(VARIABLE) == null) {
            execution.setVariable(VARIABLE, of(execution));
        }
    }

    static String of(DelegateExecution execution) {
        String party = text(execution.getVariable(PARTY));
        String object = null;
        for (String name : OBJECTS) {
            object = text(execution.getVariable(name));
            if (object != null) {
                break;
            }
        }
        String subject;
        if (party != null && object != null) {
            subject = party + "：" + object;
        } else if (object != null || party != null) {
            subject = object != null ? object : party;
        } else if (execution.getProcessBusinessKey() != null && !execution.getProcessBusinessKey().isBlank()) {
            subject = processName(execution) + " " + execution.getProcessBusinessKey();
        } else {
            // started by a timer or a message without a title: the process and its day
            subject = processName(execution) + " · " + EngineTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE);
        }
        return shorten(subject);
    }

    private static String processName(DelegateExecution execution) {
        var definition = ((ExecutionEntity) execution).getProcessDefinition();
        return definition.getName() != null ? definition.getName() : definition.getKey();
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_LENGTH ? oneLine : oneLine.substring(0, MAX_LENGTH - 1) + "…";
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
