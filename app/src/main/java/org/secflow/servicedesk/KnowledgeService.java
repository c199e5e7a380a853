package org.secflow.servicedesk;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.ConflictException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base the service desk searches first (7.3.1.3), and into which an expert's answer
 * to a ticket is saved (7.3.1.4). Search is by the bigram index of {@link KnowledgeTerms}.
 */
@Service
public class KnowledgeService {

    /** A title's terms count this many times their occurrences: a match in the title ranks higher. */
    static final int TITLE_WEIGHT = 5;
    static final int MAX_QUERY = 100;
    static final int SNIPPET_AROUND = 40;
    private static final int TERMS_PER_INSERT = 500;

    private final KnowledgeMapper mapper;
    private final TicketService tickets;
    private final ApiPermissions permissions;

    KnowledgeService(KnowledgeMapper mapper, TicketService tickets, ApiPermissions permissions) {
        this.mapper = mapper;
        this.tickets = tickets;
        this.permissions = permissions;
    }

    @Transactional
    public KnowledgeArticle create(ArticleRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.KNOWLEDGE);
        KnowledgeArticle article = validated(request, new KnowledgeArticle());
        LocalDateTime now = EngineTime.now();
        article.setStatus(KnowledgeArticle.PUBLISHED);
        article.setCreatedBy(permissions.currentUser());
        article.setCreatedAt(now);
        article.setUpdatedAt(now);
        mapper.insert(article);
        index(article);
        return mapper.findById(article.getId());
    }

    /** The answer to a ticket kept as an article (7.3.1.4); the ticket must exist. */
    @Transactional
    public KnowledgeArticle createFromTicket(long ticketId, ArticleRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.KNOWLEDGE);
        if (!tickets.exists(ticketId)) {
            throw new NotFoundException("工单 " + ticketId + " 不存在");
        }
        return create(new ArticleRequest(request.title(), request.content(), request.category(), ticketId));
    }

    @Transactional
    public KnowledgeArticle update(long id, ArticleRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.KNOWLEDGE);
        KnowledgeArticle article = existing(id);
        Long source = article.getSourceTicketId();
        validated(request, article);
        article.setSourceTicketId(source);
        if (!KnowledgeArticle.PUBLISHED.equals(article.getStatus())) {
            throw new ConflictException("知识条目 " + id + " 当前状态为「" + article.getStatus() + "」，不能修改");
        }
        article.setUpdatedAt(EngineTime.now());
        mapper.update(article);
        index(article);
        return mapper.findById(id);
    }

    /** Retired articles stay readable by id but are no longer found by search. */
    @Transactional
    public KnowledgeArticle retire(long id) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.KNOWLEDGE);
        KnowledgeArticle article = existing(id);
        if (mapper.retire(id, EngineTime.now()) == 0) {
            throw new ConflictException("知识条目 " + id + " 当前状态为「" + article.getStatus() + "」，不能废止");
        }
        return mapper.findById(id);
    }

    public KnowledgeArticle get(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.KNOWLEDGE);
        return existing(id);
    }

    /**
     * Without a query: the published articles, newest first. With one: articles having at least half
     * of the query's terms, ranked by how many they have, then by their weight (title first, then frequency).
     */
    public Page<Hit> search(String query, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.KNOWLEDGE);
        Fields fields = new Fields();
        String q = fields.text("q", "检索词", query, false, MAX_QUERY);
        fields.throwIfAny("检索参数无效");
        Set<String> terms = KnowledgeTerms.query(q);
        if (terms.isEmpty()) {
            List<Hit> hits = mapper.findPublished(page.size(), page.offset()).stream()
                    .map(a -> Hit.of(a, snippet(a.getContent(), Set.of()), 0, 0)).toList();
            return page.of(hits, mapper.countPublished());
        }
        int minMatched = (terms.size() + 1) / 2;
        List<KnowledgeMapper.Match> matches = mapper.search(terms, minMatched, page.size(), page.offset());
        if (matches.isEmpty()) {
            return page.of(List.of(), mapper.countMatches(terms, minMatched));
        }
        Map<Long, KnowledgeArticle> articles = mapper.findByIds(matches.stream().map(KnowledgeMapper.Match::articleId).toList())
                .stream().collect(Collectors.toMap(KnowledgeArticle::getId, Function.identity()));
        List<Hit> hits = new ArrayList<>();
        for (KnowledgeMapper.Match match : matches) {
            KnowledgeArticle article = articles.get(match.articleId());
            hits.add(Hit.of(article, snippet(article.getContent(), terms), match.matched(), match.score()));
        }
        return page.of(hits, mapper.countMatches(terms, minMatched));
    }

    private KnowledgeArticle validated(ArticleRequest request, KnowledgeArticle article) {
        Fields fields = new Fields();
        article.setTitle(fields.text("title", "标题", request.title(), true, 200));
        article.setContent(fields.text("content", "正文", request.content(), true, 20000));
        article.setCategory(fields.text("category", "分类", request.category(), false, 64));
        if (request.sourceTicketId() != null && !tickets.exists(request.sourceTicketId())) {
            fields.reject("sourceTicketId", "来源工单：工单 " + request.sourceTicketId() + " 不存在");
        }
        article.setSourceTicketId(request.sourceTicketId());
        fields.throwIfAny("知识条目信息不完整或取值无效");
        return article;
    }

    private void index(KnowledgeArticle article) {
        Map<String, Integer> terms = KnowledgeTerms.index(article.getContent());
        KnowledgeTerms.index(article.getTitle()).forEach((term, count) -> terms.merge(term, count * TITLE_WEIGHT, Integer::sum));
        mapper.deleteTerms(article.getId());
        List<KnowledgeMapper.Term> entries = terms.entrySet().stream()
                .map(e -> new KnowledgeMapper.Term(e.getKey(), e.getValue())).toList();
        for (int from = 0; from < entries.size(); from += TERMS_PER_INSERT) {
            mapper.insertTerms(article.getId(), entries.subList(from, Math.min(entries.size(), from + TERMS_PER_INSERT)));
        }
    }

    /** Text around the first place where the longest of the query's terms occurs, else the beginning. */
    static String snippet(String content, Set<String> terms) {
        String text = content.replaceAll("\\s+", " ").strip();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int at = terms.stream().sorted(Comparator.comparingInt(String::length).reversed())
                .mapToInt(lower::indexOf).filter(i -> i >= 0).findFirst().orElse(0);
        int from = Math.max(0, at - SNIPPET_AROUND);
        int to = Math.min(text.length(), at + SNIPPET_AROUND * 2);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }

    private KnowledgeArticle existing(long id) {
        KnowledgeArticle article = mapper.findById(id);
        if (article == null) {
            throw new NotFoundException("知识条目 " + id + " 不存在");
        }
        return article;
    }

    /** Body of a new or changed article; {@code sourceTicketId} when it keeps the answer to a ticket. */
    public record ArticleRequest(String title, String content, String category, Long sourceTicketId) {
    }

    /** One search result. */
    public record Hit(long id, String title, String category, String snippet, long matchedTerms, long score,
                      Long sourceTicketId) {
        static Hit of(KnowledgeArticle a, String snippet, long matched, long score) {
            return new Hit(a.getId(), a.getTitle(), a.getCategory(), snippet, matched, score, a.getSourceTicketId());
        }
    }
}
