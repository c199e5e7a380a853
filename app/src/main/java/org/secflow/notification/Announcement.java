package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.Set;

/**
 * Something that happened and whom it concerns: users by id, groups (their members, and their robots).
 * The actor, who caused it, is never told.
 */
public record Announcement(NotificationEvent event, String title, String body, String link, String taskId,
                           String processInstanceId, LocalDateTime deadline, Set<String> users, Set<String> groups,
                           String actor) {
}
