package org.secflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The outbox's claim on the real database: of nodes racing for one delivery exactly one wins, and a claim
 * left by a node that died is taken over once its lease has run out (the duplicate is droppable by id).
 */
@IntegrationTest
class OutboxClaimTest {

    @Autowired NotificationMapper mapper;

    @Test
    void ofEightNodesRacingForOneDeliveryExactlyOneWins() throws Exception {
        long id = parkedDelivery();
        LocalDateTime now = LocalDateTime.now();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int node = 0; node < 8; node++) {
                String name = "node-" + node;
                Callable<Integer> claim = () -> {
                    start.await();
                    return mapper.claim(id, name, now, now.plusMinutes(2));
                };
                claims.add(nodes.submit(claim));
            }
            start.countDown();
            int won = 0;
            for (Future<Integer> claim : claims) {
                won += claim.get();
            }
            assertThat(won).isEqualTo(1);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void aClaimOfADeadNodeIsTakenOverWhenItsLeaseRunsOutAndOnlyThen() {
        long id = parkedDelivery();
        LocalDateTime now = LocalDateTime.now();
        assertThat(mapper.claim(id, "dead-node", now, now.plusMinutes(2))).isEqualTo(1);

        assertThat(mapper.claim(id, "restarted-node", now.plusMinutes(1), now.plusMinutes(3))).as("lease holds").isZero();
        assertThat(mapper.claim(id, "restarted-node", now.plusMinutes(3), now.plusMinutes(5))).as("lease ran out").isOne();
        assertThat(mapper.markSent(id, "dead-node", now)).as("the dead node's late answer changes nothing").isZero();
        assertThat(mapper.markSent(id, "restarted-node", now)).isOne();
        assertThat(mapper.findDelivery(id).getStatus()).isEqualTo(Delivery.SENT);
        assertThat(mapper.claim(id, "another-node", now.plusHours(1), now.plusHours(2))).as("sent is sent").isZero();
    }

    /** A delivery due only next year, so that the application's own pollers leave it to the test. */
    private long parkedDelivery() {
        Notification notification = new Notification();
        notification.setEvent(NotificationEvent.TASK_CREATED.name());
        notification.setRecipientGroup("management");
        notification.setTitle("认领测试");
        notification.setBody("认领测试");
        notification.setCreatedAt(LocalDateTime.now());
        mapper.insertNotification(notification);
        Delivery delivery = new Delivery();
        delivery.setNotificationId(notification.getId());
        delivery.setChannel(Channel.WEBHOOK.name());
        delivery.setTarget("测试");
        delivery.setStatus(Delivery.PENDING);
        delivery.setNextAttemptAt(LocalDateTime.now().plusYears(1));
        delivery.setCreatedAt(LocalDateTime.now());
        mapper.insertDelivery(delivery);
        return delivery.getId();
    }
}
