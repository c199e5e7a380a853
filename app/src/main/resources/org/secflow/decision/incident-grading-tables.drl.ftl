// Incident grade per GB/T 20986—2023 §6.2 (T/DGAG 040—2025 7.5.1.2, 7.5.1.6): the two tables of the standard.
// GENERATED from the grading tables of the rule set: administrators change the tables (规则管理, /api/rules),
// not this text. Each cell proposes a grade as a GradeCandidate (declared in incident-grading.drl, with the
// reporting thresholds and the rule that lets the most severe candidate become the grade).
package org.secflow.rules.incident.grading;

import org.secflow.decision.IncidentFacts;

// a) importance × loss: one rule per cell of the table.
<#list matrix as cell>

rule "gradeFromMatrix_${cell.name?j_string}" salience 100
when
    IncidentFacts(objectImportance == "${cell.objectImportance?j_string}", systemLoss == "${cell.systemLoss?j_string}")
then
    insert(new GradeCandidate("${cell.grade?j_string}", ${cell.rank?c}));
end
</#list>

// b) social impact alone.
<#list socialImpact as cell>

rule "gradeFromSocialImpact_${cell.name?j_string}" salience 100
when
    IncidentFacts(socialImpact == "${cell.socialImpact?j_string}")
then
    insert(new GradeCandidate("${cell.grade?j_string}", ${cell.rank?c}));
end
</#list>
