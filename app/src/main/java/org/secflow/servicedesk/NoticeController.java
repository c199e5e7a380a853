package org.secflow.servicedesk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.secflow.privacy.PersonalDataAccess;
import org.secflow.web.InvalidInputException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Security notices, their publication, the caller's inbox and read receipts. */
@RestController
@RequestMapping("/api/notices")
class NoticeController {

    private static final List<String> PERSONAL_FIELDS = List.of("reporter");

    private final NoticeService notices;
    private final PersonalDataAccess personalData;

    NoticeController(NoticeService notices, PersonalDataAccess personalData) {
        this.notices = notices;
        this.personalData = personalData;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Notice> create(@RequestBody NoticeService.NewNotice request) {
        Notice notice = notices.create(request);
        return ResponseEntity.created(URI.create("/api/notices/" + notice.getId())).body(notice.masked());
    }

    @GetMapping
    Page<Notice> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size,
                      @RequestParam(defaultValue = "false") boolean reveal) {
        Page<Notice> list = notices.list(status, PageRequest.of(page, size));
        if (!personalData.reveal(reveal, "Notice", list.items().stream().map(Notice::getId).toList(), PERSONAL_FIELDS)) {
            list.items().forEach(Notice::masked);
        }
        return list;
    }

    @GetMapping("/inbox")
    Page<NoticeMessage> inbox(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notices.inbox(PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Notice get(@PathVariable long id, @RequestParam(defaultValue = "false") boolean reveal) {
        Notice notice = notices.get(id);
        return personalData.reveal(reveal, "Notice", List.of(id), PERSONAL_FIELDS) ? notice : notice.masked();
    }

    @PostMapping("/{id}/publish")
    Notice publish(@PathVariable long id) {
        return notices.publish(id).masked();
    }

    @PostMapping("/{id}/read")
    NoticeMessage read(@PathVariable long id) {
        return notices.read(id);
    }

    /** The notice as a document to print, file or attach: {@code format=html} (default) or {@code pdf}. */
    @GetMapping("/{id}/document")
    ResponseEntity<byte[]> document(@PathVariable long id, @RequestParam(required = false) String format) {
        boolean pdf = switch (format == null ? "html" : format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "html", "" -> false;
            case "pdf" -> true;
            default -> throw new InvalidInputException("format", "须为以下之一：html、pdf");
        };
        NoticeService.NoticeDocument document = notices.document(id, pdf);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.fileName(), StandardCharsets.UTF_8).build().toString())
                .contentType(document.pdf() ? MediaType.APPLICATION_PDF : new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(document.content());
    }

    @GetMapping("/{id}/receipts")
    NoticeService.Receipts receipts(@PathVariable long id) {
        return notices.receipts(id);
    }
}
