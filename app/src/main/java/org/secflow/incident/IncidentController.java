package org.secflow.incident;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.secflow.process.EngineTime;
import org.secflow.report.ServiceDocument;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Intake of incidents from monitoring systems and operators, their record and their report. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IncidentCreated> report(@RequestBody IncidentReport report) {
        Incident incident = incidents.report(report);
        return ResponseEntity.created(URI.create("/api/incidents/" + incident.getId()))
                .body(IncidentCreated.of(incident));
    }

    @GetMapping("/{id}")
    IncidentService.IncidentDetails get(@PathVariable long id) {
        return incidents.details(id);
    }

    @GetMapping("/{id}/report")
    ResponseEntity<String> reportDocument(@PathVariable long id) {
        ServiceDocument document = incidents.report(id);
        ContentDisposition disposition = ContentDisposition.attachment()
                .filename("应急响应报告-" + id + "-v" + document.version() + ".html", StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(document.html());
    }

    /** The answer to an intake: the incident, its grade, the reporting duty and the deadlines. */
    record IncidentCreated(long id, String processInstanceId, String grade, String gradeName, boolean mustReport,
                           Map<String, OffsetDateTime> deadlines) {

        static IncidentCreated of(Incident incident) {
            Map<String, OffsetDateTime> deadlines = new LinkedHashMap<>();
            if (incident.isMustReport()) {
                deadlines.put("firstReport", EngineTime.forDisplay(incident.getFirstReportDue()));
            }
            deadlines.put("respond", EngineTime.forDisplay(incident.getRespondDue()));
            deadlines.put("onSite", EngineTime.forDisplay(incident.getOnSiteDue()));
            deadlines.put("resolve", EngineTime.forDisplay(incident.getResolveDue()));
            deadlines.put("report", EngineTime.forDisplay(incident.getReportDue()));
            return new IncidentCreated(incident.getId(), incident.getProcessInstanceId(), incident.getGrade(),
                    incident.getGradeName(), incident.isMustReport(), deadlines);
        }
    }
}
