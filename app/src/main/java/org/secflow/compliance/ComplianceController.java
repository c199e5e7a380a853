package org.secflow.compliance;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The clause catalogue and which clauses the deployed models carry. */
@RestController
@RequestMapping("/api/compliance")
class ComplianceController {

    private final ClauseCatalogue catalogue;
    private final ClauseCoverage coverage;

    ComplianceController(ClauseCatalogue catalogue, ClauseCoverage coverage) {
        this.catalogue = catalogue;
        this.coverage = coverage;
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
