package org.secflow.evaluation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.secflow.process.EngineTime;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The measurable items of Appendix B computed from the engine's history for a period: how fast
 * incidents were brought under control against their resolve deadline, and how many tasks with a
 * deadline were completed in time, overall and per person. Only history the caller may read counts.
 */
@Service
public class EvaluationKpis {

    private final HistoryService historyService;

    EvaluationKpis(HistoryService historyService) {
        this.historyService = historyService;
    }

    public Kpis compute(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "评价期间：必填（yyyy-MM-dd）");
        }
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "结束日期不得早于开始日期");
        }
        Date start = EngineTime.toDate(from.atStartOfDay());
        Date end = EngineTime.toDate(to.plusDays(1).atStartOfDay());

        // 应急响应及时性: incidents whose handling (7.5.1.8) ended in the period, against the resolve deadline
        List<HistoricActivityInstance> handlings = historyService.createHistoricActivityInstanceQuery()
                .activityId("subProcess_handleIncident").finished().finishedAfter(start).finishedBefore(end).list();
        int handledInTime = 0;
        long totalMinutes = 0;
        for (HistoricActivityInstance handling : handlings) {
            Date reported = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(handling.getProcessInstanceId()).singleResult().getStartTime();
            totalMinutes += Duration.between(reported.toInstant(), handling.getEndTime().toInstant()).toMinutes();
            Object resolveDue = historyService.createHistoricVariableInstanceQuery()
                    .processInstanceId(handling.getProcessInstanceId()).variableName("resolveDue").singleResult().getValue();
            if (resolveDue instanceof Date due && !handling.getEndTime().after(due)) {
                handledInTime++;
            }
        }

        // 常规任务按时完成率: tasks with a deadline completed in the period, overall and per person
        Map<String, int[]> perPerson = new TreeMap<>();
        int tasksInTime = 0;
        List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().finished()
                .taskDeleteReason("completed").finishedAfter(start).finishedBefore(end).list().stream()
                .filter(task -> task.getDueDate() != null).toList();
        for (HistoricTaskInstance task : tasks) {
            boolean inTime = !task.getEndTime().after(task.getDueDate());
            tasksInTime += inTime ? 1 : 0;
            int[] counts = perPerson.computeIfAbsent(task.getAssignee() == null ? "（未认领）" : task.getAssignee(),
                    person -> new int[2]);
            counts[0]++;
            counts[1] += inTime ? 1 : 0;
        }
        List<PersonKpi> people = new ArrayList<>();
        perPerson.forEach((person, counts) -> people.add(new PersonKpi(person, counts[0], counts[1], rate(counts[1], counts[0]))));

        return new Kpis(from, to, handlings.size(), handledInTime, rate(handledInTime, handlings.size()),
                handlings.isEmpty() ? null : totalMinutes / handlings.size(),
                tasks.size(), tasksInTime, rate(tasksInTime, tasks.size()), people);
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    /** Rates are shares between 0 and 1 (null when nothing was measured). */
    public record Kpis(LocalDate from, LocalDate to, int incidentsHandled, int incidentsHandledInTime,
                       Double incidentTimelinessRate, Long averageMinutesToControl, int tasksWithDeadline,
                       int tasksCompletedInTime, Double onTimeCompletionRate, List<PersonKpi> perPerson) {
    }

    public record PersonKpi(String person, int tasksWithDeadline, int completedInTime, Double onTimeRate) {
    }
}
