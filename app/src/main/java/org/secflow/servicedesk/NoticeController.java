package org.secflow.servicedesk;

import java.net.URI;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
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

    private final NoticeService notices;

    NoticeController(NoticeService notices) {
        this.notices = notices;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Notice> create(@RequestBody NoticeService.NewNotice request) {
        Notice notice = notices.create(request);
        return ResponseEntity.created(URI.create("/api/notices/" + notice.getId())).body(notice);
    }

    @GetMapping
    Page<Notice> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size) {
        return notices.list(status, PageRequest.of(page, size));
    }

    @GetMapping("/inbox")
    Page<NoticeMessage> inbox(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notices.inbox(PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Notice get(@PathVariable long id) {
        return notices.get(id);
    }

    @PostMapping("/{id}/publish")
    Notice publish(@PathVariable long id) {
        return notices.publish(id);
    }

    @PostMapping("/{id}/read")
    NoticeMessage read(@PathVariable long id) {
        return notices.read(id);
    }

    @GetMapping("/{id}/receipts")
    NoticeService.Receipts receipts(@PathVariable long id) {
        return notices.receipts(id);
    }
}
