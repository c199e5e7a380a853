package org.secflow.incident;

import java.util.List;

/**
 * An incident as monitoring systems and operators report it (7.5.1.5): body of
 * {@code POST /api/incidents}. {@code affectedAssets} is a list here and one asset per line in
 * the process (and in the start form).
 */
public record IncidentReport(
        String title,
        String description,
        String category,
        String subcategory,
        String objectImportance,
        String systemLoss,
        String socialImpact,
        String reporterType,
        List<String> affectedAssets,
        String channel,
        String measuresTaken) {
}
