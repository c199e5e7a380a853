package org.secflow.evaluation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.secflow.process.EngineTime;
import org.springframework.stereotype.Component;

/**
 * Fills the measurable items of the evaluation form (8.1.2, Appendix B) with what the platform recorded
 * in the three months before the evaluation, so that the technical staff check and explain figures
 * rather than count them by hand. Values stay editable in the form.
 */
@Component("evaluationMeasures")
class EvaluationMeasures implements TaskListener {

    static final int PERIOD_MONTHS = 3;

    private final EvaluationKpis kpis;

    EvaluationMeasures(EvaluationKpis kpis) {
        this.kpis = kpis;
    }

    @Override
    public void notify(DelegateTask task) {
        LocalDate to = EngineTime.now().toLocalDate().minusDays(1);
        LocalDate from = to.minusMonths(PERIOD_MONTHS).plusDays(1);
        EvaluationKpis.Kpis measured = kpis.compute(from, to);

        Map<String, Object> values = new LinkedHashMap<>();
        putPercent(values, "onTimeCompletionRate", measured.onTimeCompletionRate());
        putPercent(values, "logCompletenessRate", measured.recordCompletenessRate());
        putPercent(values, "complianceRate", measured.compliancePassRate());
        putPercent(values, "trainingCoverageRate", measured.trainingCoverageRate());
        putPercent(values, "trainingPassRate", measured.trainingPassRate());
        putPercent(values, "vulnerabilityFixRate", measured.vulnerabilityFixRate());
        putPercent(values, "riskRemediationRate", measured.riskRemediationRate());
        if (measured.averageTicketResponseMinutes() != null) {
            values.put("issueReportMinutes", measured.averageTicketResponseMinutes());
        }
        if (measured.averageMinutesToControl() != null) {
            values.put("emergencyResponseMinutes", measured.averageMinutesToControl());
        }
        values.put("measurementNote", "以下指标由平台按 " + from + " 至 " + to + " 的运行记录计算，可核实后修改："
                + "任务按时完成率（" + measured.tasksWithDeadline() + " 项有期限的任务）、操作日志完整率（"
                + measured.tasksCompleted() + " 项已完成任务）、安全合规检查通过率（" + measured.serviceProcessesChecked()
                + " 个已结束的服务流程）、应急响应时效（" + measured.incidentsHandled() + " 起事件，从上报到控制的平均分钟数）、"
                + "培训覆盖率和考核合格率（" + measured.trainingSessions() + " 次培训）、漏洞修复率（"
                + measured.vulnerabilitiesFound() + " 个新发现的漏洞，误报除外）、风险整改完成率（"
                + measured.highRiskVulnerabilities() + " 个超危和高危漏洞，已修复或在监控下缓解）、工单平均响应时间（"
                + measured.tickets() + " 张工单）。");
        values.put("measuredFrom", from.toString());
        values.put("measuredTo", to.toString());
        task.getExecution().setVariables(values);
    }

    private static void putPercent(Map<String, Object> values, String key, Double rate) {
        if (rate != null) {
            values.put(key, Math.round(rate * 1000) / 10.0);
        }
    }
}
