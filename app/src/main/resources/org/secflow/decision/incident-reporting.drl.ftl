// Duty to report an incident to the authorities — 《网络安全事件报告管理办法》 (CAC, in force 2025-11-01).
// GENERATED from the reporting-duty table of the rule set: administrators change the table (规则管理,
// /api/rules), not this text. Per grade: whether it must be reported, the summary report's deadline
// after handling ends, and the first report's deadline by who reports. Runs on the final grade.
package org.secflow.rules.incident.reporting;

import java.time.Duration;
import org.secflow.decision.IncidentFacts;
import org.secflow.decision.IncidentDecision;
<#list rows as row>

rule "reportingDuty_grade${row.grade?j_string}"
when
    $decision : IncidentDecision(grade == "${row.grade?j_string}", mustReport == false)
then
    modify($decision) {
        setMustReport(true),
        setSummaryReportWithin(Duration.parse("${row.summaryReportWithin?j_string}"))
    }
end
<#list row.firstReports as first>

rule "firstReportDeadline_grade${row.grade?j_string}_reporter${first?index}"
when
    IncidentFacts(reporterType == "${first.reporterType?j_string}")
    $decision : IncidentDecision(grade == "${row.grade?j_string}", mustReport == true, firstReportWithin == null)
then
    modify($decision) { setFirstReportWithin(Duration.parse("${first.within?j_string}")) }
end
</#list>
</#list>
