package org.secflow.compliance;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.secflow.compliance.ConformanceService.InstanceTrace;
import org.secflow.compliance.ConformanceService.PeriodReport;
import org.secflow.process.EngineTime;
import org.secflow.report.DocumentPdf;
import org.secflow.report.DocumentService;
import org.secflow.web.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * The conformance reports computed on request (never stored): one service process (合规性核查报告)
 * or one service item over a period (合规性汇总报告), as HTML or as PDF with the same content.
 */
@Service
class ConformanceReports {

    enum Format { HTML, PDF }

    private final ConformanceService conformance;
    private final DocumentService documents;
    private final IdentityService identityService;
    private final DocumentPdf pdf;

    ConformanceReports(ConformanceService conformance, DocumentService documents, IdentityService identityService,
                       DocumentPdf pdf) {
        this.conformance = conformance;
        this.documents = documents;
        this.identityService = identityService;
        this.pdf = pdf;
    }

    /** {@code format} wins over the Accept header; without either the report is HTML. */
    static Format format(String format, String accept) {
        if (format == null || format.isBlank()) {
            return accept != null && accept.contains(MediaType.APPLICATION_PDF_VALUE) ? Format.PDF : Format.HTML;
        }
        return switch (format.toLowerCase()) {
            case "html" -> Format.HTML;
            case "pdf" -> Format.PDF;
            default -> throw new InvalidInputException("format", "须为以下之一：html、pdf");
        };
    }

    Rendered instance(String processInstanceId, Format format) {
        InstanceTrace trace = conformance.trace(processInstanceId);
        String html = documents.render("conformance-report", Map.of("trace", trace,
                "names", actorNames(List.of(trace)), "generatedAt", EngineTime.forDisplay(EngineTime.now())));
        return rendered(html, format, "合规性核查报告-" + processInstanceId);
    }

    Rendered period(String item, LocalDate from, LocalDate to, Format format) {
        PeriodReport report = conformance.periodReport(item, from, to);
        Map<String, Object> model = new HashMap<>();
        model.put("report", report);
        model.put("summary", report.summary());
        model.put("names", actorNames(report.traces()));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        String html = documents.render("conformance-period-report", model);
        return rendered(html, format, "合规性汇总报告-" + item + "-" + (from == null ? "" : from) + "_" + (to == null ? "" : to));
    }

    private Rendered rendered(String html, Format format, String name) {
        return format == Format.PDF
                ? new Rendered(pdf.render(html), MediaType.APPLICATION_PDF, name + ".pdf")
                : new Rendered(html.getBytes(StandardCharsets.UTF_8),
                        new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8), name + ".html");
    }

    /** The people's names as the webapps show them (user id → full name), for the actors of the traces. */
    private Map<String, String> actorNames(List<InstanceTrace> traces) {
        String[] ids = traces.stream().flatMap(trace -> trace.clauses().stream())
                .flatMap(clause -> clause.steps().stream())
                .flatMap(step -> step.called() == null ? Stream.of(step)
                        : Stream.concat(Stream.of(step), step.called().steps().stream()))
                .map(ConformanceService.Step::actor)
                .filter(Objects::nonNull).distinct().toArray(String[]::new);
        Map<String, String> names = new HashMap<>();
        if (ids.length > 0) {
            for (User user : identityService.createUserQuery().userIdIn(ids).list()) {
                String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                        + (user.getLastName() == null ? "" : user.getLastName())).strip();
                if (!name.isEmpty()) {
                    names.put(user.getId(), name);
                }
            }
        }
        return names;
    }

    record Rendered(byte[] body, MediaType type, String fileName) {
    }
}
