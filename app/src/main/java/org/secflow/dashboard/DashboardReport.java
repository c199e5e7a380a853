package org.secflow.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.secflow.report.DocumentPdf;
import org.secflow.report.DocumentService;
import org.secflow.web.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The dashboard as a document (数据看板报告): the same figures as the page, in tables, rendered like every report. */
@Component
class DashboardReport {

    private final DashboardService dashboard;
    private final DocumentService documents;
    private final DocumentPdf pdf;

    DashboardReport(DashboardService dashboard, DocumentService documents, DocumentPdf pdf) {
        this.dashboard = dashboard;
        this.documents = documents;
        this.pdf = pdf;
    }

    Rendered render(DashboardService.Filter filter, String format) {
        boolean asPdf = switch (format == null ? "pdf" : format.toLowerCase()) {
            case "pdf" -> true;
            case "html" -> false;
            default -> throw new InvalidInputException("format", "须为以下之一：html、pdf");
        };
        DashboardService.Summary summary = dashboard.summary(filter);
        String html = documents.render("dashboard-report", Map.of("s", summary));
        String name = "数据看板-" + filter.from() + "_" + filter.to();
        return asPdf ? new Rendered(pdf.render(html), MediaType.APPLICATION_PDF, name + ".pdf")
                : new Rendered(html.getBytes(StandardCharsets.UTF_8), new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8),
                        name + ".html");
    }

    record Rendered(byte[] body, MediaType type, String fileName) {
    }
}
