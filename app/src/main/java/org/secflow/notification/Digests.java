package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.secflow.process.EngineTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bundles the new-task notices of a group that chose a digest: when the first waiting one of a recipient (a
 * member's mail address, a group robot) is a period old, all its waiting ones become one message, an ordinary
 * delivery that the sender carries like any other. Taking them is one atomic UPDATE in the transaction that
 * writes the digest, so across a cluster each notice is in exactly one digest.
 */
@Component
class Digests {

    private static final int LISTED = 30;

    private final NotificationMapper mapper;
    private final NotificationConfig config;
    private final TransactionTemplate transaction;

    Digests(NotificationMapper mapper, NotificationConfig config, PlatformTransactionManager transactions) {
        this.mapper = mapper;
        this.config = config;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Writes the digests of the channel whose period has ended; the sender then finds them due. */
    void bundleDue(Channel channel) {
        for (NotificationMapper.DigestKey key : mapper.dueDigests(channel.name(), LocalDateTime.now())) {
            transaction.executeWithoutResult(status -> bundle(key));
        }
    }

    private void bundle(NotificationMapper.DigestKey key) {
        String batch = "digest/" + UUID.randomUUID();
        if (mapper.takeDigest(key, batch) == 0) {
            return; // another node bundled them
        }
        List<Notification> notices = mapper.digestNotifications(batch);
        Notification first = notices.get(0);
        StringBuilder body = new StringBuilder("上一周期内本组共有 " + notices.size() + " 项新任务待认领：");
        notices.stream().limit(LISTED).forEach(n -> body.append("\n- ").append(n.getTitle().replaceFirst("^新任务：", ""))
                .append(n.getLink() == null ? "" : "：" + n.getLink()));
        if (notices.size() > LISTED) {
            body.append("\n……另有 ").append(notices.size() - LISTED).append(" 项");
        }
        Notification digest = new Notification();
        digest.setEvent(NotificationEvent.TASK_CREATED.name());
        digest.setRecipientUser(first.getRecipientUser());
        digest.setRecipientGroup(first.getRecipientGroup());
        digest.setInInbox(false); // the inbox has each notice already
        digest.setTitle("本组新任务汇总：" + notices.size() + " 项");
        digest.setBody(NotificationService.cut(body.toString(), 4000));
        digest.setLink(config.link("/camunda/app/tasklist/default/"));
        digest.setCreatedAt(EngineTime.now());
        mapper.insertNotification(digest);
        mapper.insertDelivery(NotificationService.delivery(digest, Channel.valueOf(key.channel()), key.target(),
                key.robotId(), EngineTime.now(), LocalDateTime.now(), Delivery.PENDING));
        mapper.markBundled(batch, digest.getId());
    }
}
