package org.secflow.servicedesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The service desk's statements on the database of the run (H2, or MariaDB with -Pmysql). */
@IntegrationTest
class ServiceDeskMapperTest {

    @Autowired TicketMapper tickets;
    @Autowired KnowledgeMapper knowledge;
    @Autowired NoticeMapper notices;

    final LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void ticketMovesOnlyFromTheStatusItIsInAndKeepsItsFirstResponse() {
        Ticket ticket = new Ticket();
        ticket.setKind("报障");
        ticket.setChannel("热线");
        ticket.setPriority("高");
        ticket.setStatus("新建");
        ticket.setTitle("打印机无法联网");
        ticket.setDescription("三楼打印机");
        ticket.setRequestingUnit("某局");
        ticket.setContactPerson("张");
        ticket.setContactInfo("123");
        ticket.setResponseDue(now.plusMinutes(30));
        ticket.setResolveDue(now.plusHours(8));
        ticket.setCreatedBy("operator");
        ticket.setCreatedAt(now);
        tickets.insert(ticket);

        assertThat(tickets.transition(ticket.getId(), "已受理", "处理中", now, "engineer", null, null)).isZero();
        assertThat(tickets.transition(ticket.getId(), "新建", "已受理", now.plusMinutes(5), "engineer", "engineer", null)).isOne();
        assertThat(tickets.transition(ticket.getId(), "已受理", "处理中", now.plusMinutes(9), "manager", null, null)).isOne();
        assertThat(tickets.transition(ticket.getId(), "处理中", "已解决", now.plusMinutes(30), "engineer", null, "已重启")).isOne();

        Ticket stored = tickets.findById(ticket.getId());
        assertThat(stored.getFirstResponseAt()).isEqualTo(now.plusMinutes(5));
        assertThat(stored.getFirstResponseBy()).isEqualTo("engineer");
        assertThat(stored.getResponseSeconds()).isEqualTo(300);
        assertThat(stored.getRespondedInTime()).isTrue();
        assertThat(stored.getResolvedAt()).isEqualTo(now.plusMinutes(30));
        assertThat(stored.getResolution()).isEqualTo("已重启");
        assertThat(tickets.find("已解决", 200, 0)).extracting(Ticket::getId).contains(ticket.getId());
        assertThat(tickets.count("已解决")).isPositive();
    }

    @Test
    void searchRanksByMatchedTermsThenWeightAndSkipsRetiredArticles() {
        long both = article("应急预案演练记录", "应急预案 应急预案");
        long once = article("值班表", "应急预案");
        long half = article("演练计划", "应急");
        long retired = article("旧应急预案", "应急预案");
        knowledge.retire(retired, now);
        Set<String> terms = KnowledgeTerms.query("应急预案");

        List<KnowledgeMapper.Match> matches = knowledge.search(terms, 2, 200, 0);

        List<Long> ids = matches.stream().map(KnowledgeMapper.Match::articleId).toList();
        assertThat(ids).contains(both, once).doesNotContain(half, retired);
        assertThat(ids.indexOf(both)).as("in the title too: more weight").isLessThan(ids.indexOf(once));
        assertThat(matches.get(ids.indexOf(once)).matched()).isEqualTo(3);
        assertThat(knowledge.search(terms, 1, 200, 0)).extracting(KnowledgeMapper.Match::articleId).contains(half);
        assertThat(knowledge.countMatches(terms, 2)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void inboxShowsUnreadFirstAndAReceiptIsKeptOnce() {
        String user = "reader-" + System.nanoTime();
        long older = notice("旧通告");
        long newer = notice("新通告");
        notices.insertMessage(older, user, now);
        notices.insertMessage(newer, user, now.plusMinutes(1));

        notices.markRead(newer, user, now.plusMinutes(2));
        notices.markRead(newer, user, now.plusMinutes(9));

        assertThat(notices.inbox(user, 10, 0)).extracting(NoticeMessage::getNoticeId).containsExactly(older, newer);
        assertThat(notices.findMessage(newer, user).getReadAt()).isEqualTo(now.plusMinutes(2));
        assertThat(notices.countInbox(user)).isEqualTo(2);
        assertThat(notices.publish(older, now)).isOne();
        assertThat(notices.publish(older, now)).isZero();
        assertThat(notices.findById(older).getNoticeNo()).isEqualTo("TG-M-" + older);
    }

    private long article(String title, String content) {
        KnowledgeArticle article = new KnowledgeArticle();
        article.setTitle(title);
        article.setContent(content);
        article.setStatus(KnowledgeArticle.PUBLISHED);
        article.setCreatedBy("operator");
        article.setCreatedAt(now);
        article.setUpdatedAt(now);
        knowledge.insert(article);
        java.util.Map<String, Integer> terms = KnowledgeTerms.index(content);
        KnowledgeTerms.index(title).forEach((t, n) -> terms.merge(t, n * KnowledgeService.TITLE_WEIGHT, Integer::sum));
        knowledge.insertTerms(article.getId(), terms.entrySet().stream()
                .map(e -> new KnowledgeMapper.Term(e.getKey(), e.getValue())).toList());
        return article.getId();
    }

    private long notice(String title) {
        Notice notice = new Notice();
        notice.setKind("安全态势");
        notice.setTitle(title);
        notice.setContent("内容");
        notice.setReportingUnit("运营中心");
        notice.setReporter("engineer");
        notice.setStatus(Notice.DRAFT);
        notice.setCreatedBy("engineer");
        notice.setCreatedAt(now);
        notices.insert(notice);
        notices.setNumber(notice.getId(), "TG-M-" + notice.getId());
        return notice.getId();
    }
}
