package org.secflow.ruleset;

import java.time.LocalDateTime;

/**
 * One stored version of the rule set (table rule_set_version). The tables, the hand-written files and the
 * files generated from the tables are JSON text; the generated files are kept as they ran, so that a
 * version always runs the same DRL even if the templates change later.
 */
record RuleSetVersion(
        Integer version,
        Integer basedOn,
        String reason,
        String tablesJson,
        String drlFiles,
        String generatedDrl,
        String createdBy,
        LocalDateTime createdAt) {
}
