package org.secflow.compliance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.secflow.web.Page;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The clause catalogue and which clauses the deployed models carry. */
@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

    private final ClauseCatalogue catalogue;
    private final ClauseCoverage coverage;
    private final ConformanceService conformance;
    private final ConformanceReports reports;
    private final AuditHistory history;

    ComplianceController(ClauseCatalogue catalogue, ClauseCoverage coverage, ConformanceService conformance,
                         ConformanceReports reports, AuditHistory history) {
        this.catalogue = catalogue;
        this.coverage = coverage;
        this.conformance = conformance;
        this.reports = reports;
        this.history = history;
    }

    /**
     * The service processes by item, start date, state (running|completed), incident grade (I..IV) and a text
     * found in their subject (q), newest first.
     */
    @GetMapping("/instances")
    Page<AuditHistory.InstanceRow> instances(@RequestParam(required = false) String item,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(required = false) String status,
                                             @RequestParam(required = false) String grade,
                                             @RequestParam(required = false) String q,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        return history.instances(item, from, to, status, grade, q, page, size);
    }

    /** The section 7 items that have a deployed process (for the filter of the history page). */
    @GetMapping("/items")
    List<AuditHistory.Item> items() {
        return history.items();
    }

    /**
     * The instance's BPMN diagram, the flow nodes and sequence flows it went through, and each node's clauses;
     * also for the instance of a shared step a call activity started (its tasks badged with the caller's clause).
     */
    @GetMapping("/instances/{processInstanceId}/diagram")
    AuditHistory.Diagram diagram(@PathVariable String processInstanceId) {
        return history.diagram(processInstanceId);
    }

    /** The clause trace of one service process: done, pending or not reached, by whom, when, with what. */
    @GetMapping("/instances/{processInstanceId}")
    ConformanceService.InstanceTrace instance(@PathVariable String processInstanceId) {
        return conformance.trace(processInstanceId);
    }

    /** The same trace as a document (合规性核查报告): HTML, or PDF with {@code format=pdf} or Accept: application/pdf. */
    @GetMapping("/instances/{processInstanceId}/report")
    ResponseEntity<byte[]> instanceReport(@PathVariable String processInstanceId,
                                          @RequestParam(required = false) String format,
                                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return send(reports.instance(processInstanceId, ConformanceReports.format(format, accept)));
    }

    /** The summary of an item and period with every process's trace (合规性汇总报告), HTML or PDF. */
    @GetMapping("/summary/report")
    ResponseEntity<byte[]> summaryReport(@RequestParam String item,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(required = false) String format,
                                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return send(reports.period(item, from, to, ConformanceReports.format(format, accept)));
    }

    private static ResponseEntity<byte[]> send(ConformanceReports.Rendered report) {
        return ResponseEntity.ok().contentType(report.type())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(report.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(report.body());
    }

    /** Per service item and period (dates of start, inclusive, in yyyy-MM-dd). */
    @GetMapping("/summary")
    ConformanceService.ItemSummary summary(@RequestParam String item,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return conformance.summary(item, from, to);
    }

    @GetMapping("/clauses")
    List<Clause> clauses() {
        return catalogue.all();
    }

    @GetMapping("/coverage")
    ClauseCoverage.Report coverage() {
        return coverage.report();
    }
}
