package org.secflow.notification;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** {@code secflow.notifications.*}: links, the sender's pace and its retries. */
@Component
class NotificationConfig {

    final String baseUrl;
    final Duration pollInterval;
    final Duration initialBackoff;
    final Duration maxBackoff;
    final int maxAttempts;
    final Duration claimLease;
    final Duration httpTimeout;
    final String mailFrom;
    final Duration approaching;

    NotificationConfig(@Value("${secflow.notifications.base-url:http://localhost:8080}") String baseUrl,
                       @Value("${secflow.notifications.poll-interval:PT2S}") Duration pollInterval,
                       @Value("${secflow.notifications.initial-backoff:PT30S}") Duration initialBackoff,
                       @Value("${secflow.notifications.max-backoff:PT30M}") Duration maxBackoff,
                       @Value("${secflow.notifications.max-attempts:8}") int maxAttempts,
                       @Value("${secflow.notifications.claim-lease:PT2M}") Duration claimLease,
                       @Value("${secflow.notifications.http-timeout:PT10S}") Duration httpTimeout,
                       @Value("${secflow.notifications.mail-from:noreply@secflow.local}") String mailFrom,
                       @Value("${secflow.notifications.approaching:PT4H}") Duration approaching) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxAttempts = maxAttempts;
        this.claimLease = claimLease;
        this.httpTimeout = httpTimeout;
        this.mailFrom = mailFrom;
        this.approaching = approaching;
    }

    /** The wait before attempt n+1 after n failed attempts: doubling from the initial back-off up to the maximum. */
    Duration backoff(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The Tasklist opens the task with this link. */
    String taskLink(String taskId) {
        return baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    String link(String path) {
        return baseUrl + path;
    }
}
