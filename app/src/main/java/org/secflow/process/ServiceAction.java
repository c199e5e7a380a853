package org.secflow.process;

import java.time.LocalDateTime;

/** One line of the service record: who did which step of which process, when, with what evidence. */
public record ServiceAction(
        Long id,
        String processInstanceId,
        String rootProcessInstanceId,
        String processDefinitionKey,
        String activityId,
        String activityName,
        String clause,
        String taskId,
        String actor,
        String actorGroup,
        LocalDateTime occurredAt,
        String evidence) {
}
