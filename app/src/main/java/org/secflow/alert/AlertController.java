package org.secflow.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Alerts from security devices, their groups and the triage of a group. */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    List<AlertService.Received> receive(@RequestBody JsonNode body) {
        return alerts.receive(body);
    }

    @GetMapping
    Page<Alert> list(@RequestParam(required = false) Long groupId, @RequestParam(required = false) Integer page,
                     @RequestParam(required = false) Integer size) {
        return alerts.alerts(groupId, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Alert get(@PathVariable long id) {
        return alerts.alert(id);
    }

    @GetMapping("/groups")
    Page<AlertGroup> groups(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return alerts.groups(status, PageRequest.of(page, size));
    }

    @GetMapping("/groups/{id}")
    AlertService.GroupDetails group(@PathVariable long id) {
        return alerts.group(id);
    }

    @PostMapping(path = "/groups/{id}/triage", consumes = MediaType.APPLICATION_JSON_VALUE)
    AlertGroup triage(@PathVariable long id, @RequestBody AlertService.TriageRequest request) {
        return alerts.triage(id, request);
    }
}
