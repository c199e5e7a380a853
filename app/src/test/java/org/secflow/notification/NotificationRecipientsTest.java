package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Who is told of an event, and how: each person by the channels they chose for that event, never who caused it. */
@IntegrationTest
class NotificationRecipientsTest {

    @Autowired NotificationService notifications;
    @Autowired IdentityService identityService;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void tearDown() {
        jdbc.update("DELETE FROM notification_user_setting WHERE user_id IN ('engineer', 'manager')");
    }

    @Test
    void eachMemberAndNamedPersonGetsTheChannelsTheyChoseForThisEventAndWhoActedNothing() {
        Staff.ensure(identityService);
        jdbc.update("DELETE FROM notification_user_setting WHERE user_id IN ('engineer', 'manager')");
        // engineer wants no mail of new tasks (but of assignments); manager wants no inbox notice of new tasks
        setting("engineer", "TASK_CREATED", "EMAIL", false);
        setting("engineer", "TASK_ASSIGNED", "EMAIL", true);
        setting("manager", "TASK_CREATED", "INBOX", false);
        String title = "新任务：收件人测试-" + System.nanoTime();

        new TransactionTemplate(transactions).executeWithoutResult(status -> notifications.announce(new Announcement(
                NotificationEvent.TASK_CREATED, title, "正文", "http://secflow.test/task", null, null, null,
                Set.of("manager", "operator"), Set.of("technical"), "operator")));

        Map<String, List<String>> told = new TreeMap<>();
        jdbc.queryForList("SELECT n.recipient_user, n.in_inbox, d.channel FROM notification n "
                + "LEFT JOIN notification_delivery d ON d.notification_id = n.id WHERE n.title = ?", title).forEach(row -> {
            List<String> channels = told.computeIfAbsent((String) row.get("recipient_user"), user -> new ArrayList<>());
            if (Boolean.TRUE.equals(row.get("in_inbox")) && !channels.contains("INBOX")) {
                channels.add("INBOX");
            }
            if (row.get("channel") != null) {
                channels.add((String) row.get("channel"));
            }
        });
        assertThat(told.get("engineer")).as("member of technical: inbox, no mail").containsExactly("INBOX");
        assertThat(told.get("manager")).as("named: mail, no inbox").containsExactly("EMAIL");
        assertThat(told).as("who acted is never told").doesNotContainKey("operator");
    }

    private void setting(String user, String event, String channel, boolean enabled) {
        jdbc.update("INSERT INTO notification_user_setting (user_id, event, channel, enabled) VALUES (?, ?, ?, ?)",
                user, event, channel, enabled);
    }
}
