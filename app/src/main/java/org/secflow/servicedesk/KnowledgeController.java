package org.secflow.servicedesk;

import java.net.URI;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The knowledge base: search, articles, and an expert's answer to a ticket saved as an article. */
@RestController
class KnowledgeController {

    private final KnowledgeService knowledge;

    KnowledgeController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/api/knowledge")
    Page<KnowledgeService.Hit> search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return knowledge.search(q, PageRequest.of(page, size));
    }

    @GetMapping("/api/knowledge/{id}")
    KnowledgeArticle get(@PathVariable long id) {
        return knowledge.get(id);
    }

    @PostMapping(path = "/api/knowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<KnowledgeArticle> create(@RequestBody KnowledgeService.ArticleRequest request) {
        return created(knowledge.create(request));
    }

    /** The ticket's answer kept as an article (7.3.1.4): the same as a new article with sourceTicketId. */
    @PostMapping(path = "/api/tickets/{ticketId}/knowledge", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<KnowledgeArticle> fromTicket(@PathVariable long ticketId, @RequestBody KnowledgeService.ArticleRequest request) {
        return created(knowledge.createFromTicket(ticketId, request));
    }

    @PutMapping(path = "/api/knowledge/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    KnowledgeArticle update(@PathVariable long id, @RequestBody KnowledgeService.ArticleRequest request) {
        return knowledge.update(id, request);
    }

    @PostMapping("/api/knowledge/{id}/retire")
    KnowledgeArticle retire(@PathVariable long id) {
        return knowledge.retire(id);
    }

    private static ResponseEntity<KnowledgeArticle> created(KnowledgeArticle article) {
        return ResponseEntity.created(URI.create("/api/knowledge/" + article.getId())).body(article);
    }
}
