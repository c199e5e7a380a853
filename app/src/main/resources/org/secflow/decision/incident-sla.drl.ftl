// Service levels per incident grade (T/DGAG 040—2025; the SLA clause of T/DGAG 037—2025 §5.4.1.5
// is not public). GENERATED from the SLA table of the rule set: administrators change the table
// (规则管理, /api/rules), not this text. Durations are ISO-8601. Runs on the final grade (see
// incident-grading.drl).
package org.secflow.rules.incident.sla;

import java.time.Duration;
import org.secflow.decision.IncidentDecision;
<#list rows as row>

rule "sla_grade${row.grade?j_string}"
when
    $decision : IncidentDecision(grade == "${row.grade?j_string}", respondWithin == null)
then
    modify($decision) {
        setRespondWithin(Duration.parse("${row.respondWithin?j_string}")),
        setOnSiteWithin(Duration.parse("${row.onSiteWithin?j_string}")),
        setResolveWithin(Duration.parse("${row.resolveWithin?j_string}")),
        setReportWithin(Duration.parse("${row.reportWithin?j_string}")),
        setEscalationGroup("${row.escalationGroup?j_string}")
    }
end
</#list>
