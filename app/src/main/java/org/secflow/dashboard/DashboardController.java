package org.secflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's figures (5.1.2 g), read only: every panel in one answer, and the same as a PDF. */
@RestController
@RequestMapping("/api/dashboard")
class DashboardController {

    private final DashboardService dashboard;
    private final DashboardFigures figures;
    private final DashboardReport report;

    DashboardController(DashboardService dashboard, DashboardFigures figures, DashboardReport report) {
        this.dashboard = dashboard;
        this.figures = figures;
        this.report = report;
    }

    /**
     * Period (yyyy-MM-dd, inclusive; default the last 90 days), 使用方 (owner unit) and service item; the figures of
     * the refresh period ({@link DashboardFigures}).
     */
    @GetMapping("/summary")
    DashboardService.Summary summary(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                     @RequestParam(required = false) String unit,
                                     @RequestParam(required = false) String item) {
        return figures.summary(dashboard.filter(from, to, unit, item));
    }

    /** The whole view as a document with its figures in tables: PDF (Chinese text embedded) or HTML. */
    @GetMapping("/report")
    ResponseEntity<byte[]> report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                  @RequestParam(required = false) String unit,
                                  @RequestParam(required = false) String item,
                                  @RequestParam(defaultValue = "pdf") String format) {
        DashboardReport.Rendered rendered = report.render(dashboard.filter(from, to, unit, item), format);
        return ResponseEntity.ok().contentType(rendered.type())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(rendered.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(rendered.body());
    }
}
