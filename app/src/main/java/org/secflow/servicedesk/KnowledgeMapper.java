package org.secflow.servicedesk;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface KnowledgeMapper {

    void insert(KnowledgeArticle article);

    void update(KnowledgeArticle article);

    int retire(@Param("id") long id, @Param("at") LocalDateTime at);

    KnowledgeArticle findById(@Param("id") long id);

    List<KnowledgeArticle> findByIds(@Param("ids") Collection<Long> ids);

    List<KnowledgeArticle> findPublished(@Param("size") int size, @Param("offset") long offset);

    long countPublished();

    void deleteTerms(@Param("articleId") long articleId);

    /** Several terms in one statement (multi-row VALUES works on H2 and MySQL). */
    void insertTerms(@Param("articleId") long articleId, @Param("terms") List<Term> terms);

    /** A search term of an article and its weight. */
    record Term(String term, int weight) {
    }

    /** Published articles that have at least {@code minMatched} of the terms, best first. */
    List<Match> search(@Param("terms") Collection<String> terms, @Param("minMatched") int minMatched,
                       @Param("size") int size, @Param("offset") long offset);

    long countMatches(@Param("terms") Collection<String> terms, @Param("minMatched") int minMatched);

    /** An article that matched: how many of the query's terms it has, and their summed weight. */
    record Match(Long articleId, Long matched, Long score) {
    }
}
