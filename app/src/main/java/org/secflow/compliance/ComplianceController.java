package org.secflow.compliance;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The clause catalogue and which clauses the deployed models carry. */
@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

    private final ClauseCatalogue catalogue;
    private final ClauseCoverage coverage;
    private final ConformanceService conformance;

    ComplianceController(ClauseCatalogue catalogue, ClauseCoverage coverage, ConformanceService conformance) {
        this.catalogue = catalogue;
        this.coverage = coverage;
        this.conformance = conformance;
    }

    /** The clause trace of one service process: done, pending or not reached, by whom, when, with what. */
    @GetMapping("/instances/{processInstanceId}")
    ConformanceService.InstanceTrace instance(@PathVariable String processInstanceId) {
        return conformance.trace(processInstanceId);
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
