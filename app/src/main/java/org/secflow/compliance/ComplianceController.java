package org.secflow.compliance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.secflow.process.EngineTime;
import org.secflow.report.DocumentService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
    private final DocumentService documents;

    ComplianceController(ClauseCatalogue catalogue, ClauseCoverage coverage, ConformanceService conformance,
                         DocumentService documents) {
        this.catalogue = catalogue;
        this.coverage = coverage;
        this.conformance = conformance;
        this.documents = documents;
    }

    /** The clause trace of one service process: done, pending or not reached, by whom, when, with what. */
    @GetMapping("/instances/{processInstanceId}")
    ConformanceService.InstanceTrace instance(@PathVariable String processInstanceId) {
        return conformance.trace(processInstanceId);
    }

    /** The same trace as a document (合规性核查报告, HTML). */
    @GetMapping(value = "/instances/{processInstanceId}/report", produces = "text/html;charset=UTF-8")
    String instanceReport(@PathVariable String processInstanceId) {
        return documents.render("conformance-report", Map.of("trace", conformance.trace(processInstanceId),
                "generatedAt", EngineTime.forDisplay(EngineTime.now())));
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
