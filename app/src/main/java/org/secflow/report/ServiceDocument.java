package org.secflow.report;

import java.time.LocalDateTime;

/** A document the standard asks the provider to provide (报告), as rendered at one step. */
public record ServiceDocument(
        String processInstanceId,
        String kind,
        String title,
        int version,
        String html,
        String createdBy,
        LocalDateTime createdAt) {
}
