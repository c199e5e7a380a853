package org.secflow.evaluation;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The measurable evaluation items (section 8, Appendix B) for a period. */
@RestController
@RequestMapping("/api/evaluation")
class EvaluationController {

    private final EvaluationKpis kpis;

    EvaluationController(EvaluationKpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping("/kpis")
    EvaluationKpis.Kpis kpis(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return kpis.compute(from, to);
    }
}
