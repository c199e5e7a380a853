package org.secflow.servicedesk;

import java.net.URI;
import java.util.List;
import org.secflow.privacy.PersonalDataAccess;
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

/**
 * Tickets of the service desk and the steps of their lifecycle. Contact person and contact details are
 * masked in every answer; {@code reveal=true} shows them to holders of READ on PersonalData, audited.
 */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketService tickets;
    private final PersonalDataAccess personalData;

    TicketController(TicketService tickets, PersonalDataAccess personalData) {
        this.tickets = tickets;
        this.personalData = personalData;
    }

    private Ticket shown(Ticket ticket, boolean reveal) {
        return personalData.reveal(reveal, "Ticket", List.of(ticket.getId()), Ticket.PERSONAL_FIELDS) ? ticket : ticket.masked();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Ticket> create(@RequestBody TicketService.NewTicket request) {
        Ticket ticket = tickets.create(request);
        return ResponseEntity.created(URI.create("/api/tickets/" + ticket.getId())).body(ticket.masked());
    }

    @GetMapping
    Page<Ticket> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size,
                      @RequestParam(defaultValue = "false") boolean reveal) {
        Page<Ticket> list = tickets.list(status, PageRequest.of(page, size));
        if (!personalData.reveal(reveal, "Ticket", list.items().stream().map(Ticket::getId).toList(), Ticket.PERSONAL_FIELDS)) {
            list.items().forEach(Ticket::masked);
        }
        return list;
    }

    @GetMapping("/{id}")
    Ticket get(@PathVariable long id, @RequestParam(defaultValue = "false") boolean reveal) {
        return shown(tickets.get(id), reveal);
    }

    /** accept, start, resolve, reopen or close; the body is optional except to resolve. */
    @PostMapping("/{id}/{action:accept|start|resolve|reopen|close}")
    Ticket transition(@PathVariable long id, @PathVariable String action,
                      @RequestBody(required = false) TicketService.TransitionRequest request) {
        return tickets.transition(id, TicketService.Action.valueOf(action), request).masked();
    }

    @PostMapping(path = "/{id}/assign", consumes = MediaType.APPLICATION_JSON_VALUE)
    Ticket assign(@PathVariable long id, @RequestBody TicketService.TransitionRequest request) {
        return tickets.assign(id, request).masked();
    }
}
