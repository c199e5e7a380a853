package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.secflow.process.EngineTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes notifications and their deliveries into the outbox, in the transaction of whoever calls it
 * (an engine listener, a use case of another capability): the event and its notifications commit or
 * roll back together. Sends nothing itself; {@link NotificationSender} does after commit.
 */
@Service
public class NotificationService {

    /** A group's choice for its new tasks: {@value} (one message per period) or {@value #AT_ONCE}. */
    static final String DIGEST = "DIGEST";
    static final String AT_ONCE = "AT_ONCE";

    private final NotificationMapper mapper;
    private final NotificationConfig config;
    private final boolean mailEnabled;
    private final NotificationSender sender;

    NotificationService(NotificationMapper mapper, NotificationConfig config, ObjectProvider<JavaMailSender> mailSender,
                        NotificationSender sender) {
        this.mapper = mapper;
        this.config = config;
        this.sender = sender;
        // Spring Boot makes a mail sender only when spring.mail.host is set: without one, no mail is queued
        this.mailEnabled = mailSender.getIfAvailable() != null;
    }

    public void announce(Announcement announcement) {
        announce(announcement, groups(announcement.groups()));
    }

    /** The groups by id, with what a notice to them needs; a group that does not exist is left out. */
    Map<String, NotificationMapper.NoticeGroup> groups(Set<String> ids) {
        Map<String, NotificationMapper.NoticeGroup> groups = new LinkedHashMap<>();
        if (ids != null && !ids.isEmpty()) {
            mapper.noticeGroups(ids).forEach(group -> groups.put(group.id(), group));
        }
        return groups;
    }

    /** The group's name as people read it (管理类 …), its id when it has none. */
    static String groupName(Map<String, NotificationMapper.NoticeGroup> groups, String id) {
        NotificationMapper.NoticeGroup group = groups.get(id);
        return group == null ? id : group.displayName();
    }

    /** Announces to the groups read by {@link #groups} for the announcement's groups. */
    void announce(Announcement announcement, Map<String, NotificationMapper.NoticeGroup> groupFacts) {
        boolean sendNow = false;
        LocalDateTime now = EngineTime.now();
        LocalDateTime due = LocalDateTime.now();
        Set<String> named = new LinkedHashSet<>(announcement.users() == null ? Set.of() : announcement.users());
        named.remove(announcement.actor()); // who caused it is never told: not even looked up
        Set<String> groups = announcement.groups() == null ? Set.of() : announcement.groups();
        Set<String> users = new LinkedHashSet<>(named);
        Map<String, String> emails = new LinkedHashMap<>();
        Map<String, Map<Channel, Boolean>> wanted = new LinkedHashMap<>();
        // a member told of a group's new task waits for the group's digest, unless another group of theirs wants it at once
        Map<String, LocalDateTime> groupDigests = new LinkedHashMap<>(); // null: the group wants it at once
        groups.forEach(group -> groupDigests.put(group, digestDue(groupFacts.get(group), announcement.event())));
        Set<String> atOnce = new LinkedHashSet<>(named);
        Map<String, LocalDateTime> digestDue = new LinkedHashMap<>();
        List<NotificationMapper.Recipient> rows = named.isEmpty() && groups.isEmpty() ? List.of()
                : mapper.recipients(groups, named, announcement.event().name());
        for (NotificationMapper.Recipient row : rows) {
            users.add(row.userId());
            emails.put(row.userId(), row.email());
            if (row.channel() != null && row.enabled() != null) {
                try {
                    wanted.computeIfAbsent(row.userId(), user -> everyChannel())
                            .put(Channel.valueOf(row.channel()), row.enabled());
                } catch (IllegalArgumentException gone) {
                    // a channel of an older version: ignored
                }
            }
            if (row.groupId() != null) {
                LocalDateTime groupDigest = groupDigests.get(row.groupId());
                if (groupDigest == null) {
                    atOnce.add(row.userId());
                } else {
                    digestDue.merge(row.userId(), groupDigest, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        users.remove(announcement.actor());
        for (String user : users) {
            Map<Channel, Boolean> channels = wanted.getOrDefault(user, everyChannel());
            String email = emails.get(user);
            boolean mail = mailEnabled && channels.get(Channel.EMAIL) && email != null && !email.isBlank();
            if (!channels.get(Channel.INBOX) && !mail) {
                continue;
            }
            Notification notification = notification(announcement, now, channels.get(Channel.INBOX));
            notification.setRecipientUser(user);
            mapper.insertNotification(notification);
            if (mail) {
                boolean mailNow = atOnce.contains(user);
                sendNow |= mailNow;
                mapper.insertDelivery(mailNow
                        ? delivery(notification, Channel.EMAIL, email, null, now, due, Delivery.PENDING)
                        : delivery(notification, Channel.EMAIL, email, null, now, digestDue.get(user), Delivery.DIGEST));
            }
        }
        for (String group : groups) {
            NotificationMapper.NoticeGroup facts = groupFacts.get(group);
            List<Robot> robots = facts == null ? List.of()
                    : facts.robots().stream().filter(r -> r.receives(announcement.event())).toList();
            if (robots.isEmpty()) {
                continue;
            }
            Notification notification = notification(announcement, now, false);
            notification.setRecipientGroup(group);
            mapper.insertNotification(notification);
            LocalDateTime groupDigest = groupDigests.get(group);
            sendNow |= groupDigest == null;
            for (Robot robot : robots) {
                mapper.insertDelivery(groupDigest == null
                        ? delivery(notification, Channel.WEBHOOK, robot.getName(), robot.getId(), now, due, Delivery.PENDING)
                        : delivery(notification, Channel.WEBHOOK, robot.getName(), robot.getId(), now, groupDigest,
                                Delivery.DIGEST));
            }
        }
        if (sendNow) {
            wakeSenderAfterCommit();
        }
    }

    /** A person's channels when they chose nothing for an event: every one. */
    private static Map<Channel, Boolean> everyChannel() {
        Map<Channel, Boolean> channels = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.PERSONAL) {
            channels.put(channel, true);
        }
        return channels;
    }

    /** When the group's digest of this event goes out, if the group chose one: a period after now. Null: at once. */
    private static LocalDateTime digestDue(NotificationMapper.NoticeGroup group, NotificationEvent event) {
        if (event != NotificationEvent.TASK_CREATED || group == null) {
            return null;
        }
        NotificationMapper.GroupSetting setting = group.setting();
        return setting == null || !DIGEST.equals(setting.taskCreated()) ? null
                : LocalDateTime.now().plusMinutes(setting.digestMinutes());
    }

    /**
     * The sender need not wait for its next round: it looks into the outbox as soon as this transaction commits, when
     * the transaction put a message there that is due at once (not for every inbox-only notice: two reads of the outbox
     * per new task that found nothing).
     */
    private void wakeSenderAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        }
    }

    /** An absolute link into the platform (secflow.notifications.base-url + path). */
    public String link(String path) {
        return config.link(path);
    }

    /** The user's choice per event and channel: the stored ones over the default, every event on both. */
    Map<NotificationEvent, Map<Channel, Boolean>> channels(String user) {
        Map<NotificationEvent, Map<Channel, Boolean>> channels = new EnumMap<>(NotificationEvent.class);
        for (NotificationEvent event : NotificationEvent.values()) {
            channels.put(event, everyChannel());
        }
        for (NotificationMapper.Setting setting : mapper.settings(user)) {
            try {
                channels.get(NotificationEvent.valueOf(setting.event())).put(Channel.valueOf(setting.channel()),
                        setting.enabled());
            } catch (IllegalArgumentException | NullPointerException gone) {
                // an event or channel of an older version: ignored
            }
        }
        return channels;
    }

    private static Notification notification(Announcement announcement, LocalDateTime now, boolean inbox) {
        Notification notification = new Notification();
        notification.setEvent(announcement.event().name());
        notification.setInInbox(inbox);
        notification.setTitle(cut(announcement.title(), 300));
        notification.setBody(cut(announcement.body(), 4000));
        notification.setLink(announcement.link());
        notification.setTaskId(announcement.taskId());
        notification.setProcessInstanceId(announcement.processInstanceId());
        notification.setDeadline(announcement.deadline());
        notification.setActor(announcement.actor());
        notification.setCreatedAt(now);
        return notification;
    }

    static Delivery delivery(Notification notification, Channel channel, String target, Long robotId,
                             LocalDateTime now, LocalDateTime due, String status) {
        Delivery delivery = new Delivery();
        delivery.setNotificationId(notification.getId());
        delivery.setChannel(channel.name());
        delivery.setTarget(target);
        delivery.setRobotId(robotId);
        delivery.setStatus(status);
        delivery.setNextAttemptAt(due);
        delivery.setCreatedAt(now);
        return delivery;
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
