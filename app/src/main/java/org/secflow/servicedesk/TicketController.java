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

/** Tickets of the service desk and the steps of their lifecycle. */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketService tickets;

    TicketController(TicketService tickets) {
        this.tickets = tickets;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Ticket> create(@RequestBody TicketService.NewTicket request) {
        Ticket ticket = tickets.create(request);
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getId())).body(ticket);
    }

    @GetMapping
    Page<Ticket> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size) {
        return tickets.list(status, PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Ticket get(@PathVariable long id) {
        return tickets.get(id);
    }

    /** accept, start, resolve, reopen or close; the body is optional except to resolve. */
    @PostMapping("/{id}/{action:accept|start|resolve|reopen|close}")
    Ticket transition(@PathVariable long id, @PathVariable String action,
                      @RequestBody(required = false) TicketService.TransitionRequest request) {
        return tickets.transition(id, TicketService.Action.valueOf(action), request);
    }

    @PostMapping(path = "/{id}/assign", consumes = MediaType.APPLICATION_JSON_VALUE)
    Ticket assign(@PathVariable long id, @RequestBody TicketService.TransitionRequest request) {
        return tickets.assign(id, request);
    }
}
