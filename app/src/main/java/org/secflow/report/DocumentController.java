package org.secflow.report;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.secflow.process.EngineTime;
import org.secflow.process.ProcessVisibility;
import org.secflow.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The documents a service process provided, for staff and auditors who may read its history. */
@RestController
@RequestMapping("/api/processes/{processInstanceId}/documents")
class DocumentController {

    private final DocumentService documents;
    private final ProcessVisibility visibility;

    DocumentController(DocumentService documents, ProcessVisibility visibility) {
        this.documents = documents;
        this.visibility = visibility;
    }

    @GetMapping
    List<DocumentSummary> list(@PathVariable String processInstanceId) {
        visibility.requireReadable(processInstanceId, "服务流程 " + processInstanceId + " 不存在或无权查看");
        return documents.all(processInstanceId).stream().map(DocumentSummary::of).toList();
    }

    @GetMapping("/{kind}")
    ResponseEntity<String> latest(@PathVariable String processInstanceId, @PathVariable String kind) {
        visibility.requireReadable(processInstanceId, "服务流程 " + processInstanceId + " 不存在或无权查看");
        ServiceDocument document = documents.latest(processInstanceId, kind)
                .orElseThrow(() -> new NotFoundException("该服务流程尚无「" + kind + "」"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(kind + "-v" + document.version() + ".html", StandardCharsets.UTF_8).build().toString())
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(document.html());
    }

    record DocumentSummary(String kind, String title, int version, String createdBy, OffsetDateTime createdAt) {
        static DocumentSummary of(ServiceDocument document) {
            return new DocumentSummary(document.kind(), document.title(), document.version(), document.createdBy(),
                    EngineTime.forDisplay(document.createdAt()));
        }
    }
}
