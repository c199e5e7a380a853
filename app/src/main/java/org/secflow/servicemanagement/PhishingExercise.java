package org.secflow.servicemanagement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.secflow.report.ServiceDocument;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * 钓鱼测试 (5.1.2 e): keeps the results of an exercise per target unit — targets, sent, opened, clicked, reported —
 * and renders the 钓鱼测试报告 with the unit's rates. The platform records the exercise; it sends no mail.
 */
@Service
public class PhishingExercise {

    static final String KEY = "phishingTest";
    static final String RESULTS = "phishingResults";
    static final String REPORT = "钓鱼测试报告";

    private final ServiceManagementMapper mapper;
    private final ServiceRecord serviceRecord;
    private final Documents documents;

    PhishingExercise(ServiceManagementMapper mapper, ServiceRecord serviceRecord, Documents documents) {
        this.mapper = mapper;
        this.serviceRecord = serviceRecord;
        this.documents = documents;
    }

    /** The results entered in the form, one {@code 单位|目标人数|已发送|已打开|已点击|已上报} a line; refused whole when a line is bad. */
    public void saveResults(DelegateExecution execution) {
        Object text = execution.getVariable(RESULTS);
        String actor = serviceRecord.currentActor(null);
        List<PhishingResult> results = parse(execution.getProcessInstanceId(), text == null ? "" : text.toString(), actor);
        results.forEach(mapper::insertPhishingResult);
        Totals totals = Totals.of(results);
        ServiceDocument report = documents.render(execution, REPORT, "phishing-report",
                Map.of("results", mapper.phishingResults(execution.getProcessInstanceId()), "totals", totals));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("units", results.size());
        evidence.put("targets", totals.targets());
        evidence.put("sent", totals.sent());
        evidence.put("opened", totals.opened());
        evidence.put("clicked", totals.clicked());
        evidence.put("reported", totals.reported());
        evidence.put("document", REPORT);
        evidence.put("version", report.version());
        serviceRecord.recordStep(execution, evidence);
        execution.setVariable("clickRate", totals.clickRate());
    }

    public List<PhishingResult> results(String processInstanceId) {
        return mapper.phishingResults(processInstanceId);
    }

    static List<PhishingResult> parse(String processInstanceId, String text, String actor) {
        List<FieldError> errors = new ArrayList<>();
        List<PhishingResult> results = new ArrayList<>();
        List<String> units = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = "第 " + lineNumber + " 行：";
            String[] cells = line.split("[|｜]", -1);
            if (cells.length != 6) {
                errors.add(new FieldError(RESULTS, where + "应为 单位|目标人数|已发送|已打开|已点击|已上报"));
                continue;
            }
            String unit = cells[0].strip();
            int[] n = new int[5];
            boolean numbers = true;
            for (int i = 0; i < 5; i++) {
                try {
                    n[i] = Integer.parseInt(cells[i + 1].strip());
                    if (n[i] < 0) {
                        numbers = false;
                    }
                } catch (NumberFormatException e) {
                    numbers = false;
                }
            }
            if (unit.isEmpty() || unit.length() > 200) {
                errors.add(new FieldError(RESULTS, where + "单位：必填，不超过 200 字"));
            } else if (units.contains(unit)) {
                errors.add(new FieldError(RESULTS, where + "单位「" + unit + "」重复"));
            } else if (!numbers) {
                errors.add(new FieldError(RESULTS, where + "人数应为不小于 0 的整数"));
            } else if (n[1] > n[0]) {
                errors.add(new FieldError(RESULTS, where + "已发送不得多于目标人数"));
            } else if (n[2] > n[1] || n[3] > n[1] || n[4] > n[1]) {
                errors.add(new FieldError(RESULTS, where + "已打开、已点击、已上报不得多于已发送"));
            } else if (n[3] > n[2]) {
                errors.add(new FieldError(RESULTS, where + "已点击不得多于已打开"));
            } else {
                units.add(unit);
                results.add(new PhishingResult(processInstanceId, unit, n[0], n[1], n[2], n[3], n[4], actor, EngineTime.now()));
            }
        }
        if (errors.isEmpty() && results.isEmpty()) {
            errors.add(new FieldError(RESULTS, "至少登记一个目标单位的结果"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("钓鱼测试结果有误", errors);
        }
        return results;
    }

    /** The exercise as a whole: sums over the units and the rates of the sent mails (per cent). */
    public record Totals(int targets, int sent, int opened, int clicked, int reported, Double openRate,
                         Double clickRate, Double reportRate) {

        static Totals of(List<PhishingResult> results) {
            int targets = 0, sent = 0, opened = 0, clicked = 0, reported = 0;
            for (PhishingResult r : results) {
                targets += r.targets();
                sent += r.sent();
                opened += r.opened();
                clicked += r.clicked();
                reported += r.reported();
            }
            return new Totals(targets, sent, opened, clicked, reported, rate(opened, sent), rate(clicked, sent),
                    rate(reported, sent));
        }

        private static Double rate(int part, int whole) {
            return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
        }
    }
}
