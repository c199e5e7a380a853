package org.secflow.notification;

import java.net.InetAddress;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Carries the outbox's deliveries, outside every engine transaction: one poller per channel (a slow
 * mail server does not hold up the robots). Each delivery is claimed with one atomic UPDATE (only
 * one node of a cluster wins it) for a lease; a node that dies holding it leaves it to be claimed
 * again when the lease runs out. A failed attempt is retried with doubling back-off; after the last
 * it is FAILED, for administrators to see and resend.
 */
@Component
class NotificationSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);
    private static final int BATCH = 20;

    private final NotificationMapper mapper;
    private final NotificationConfig config;
    private final MailChannel mail;
    private final WebhookChannel webhooks;
    private final Digests digests;
    private final String node;
    private final Map<Channel, ScheduledExecutorService> pollers = new ConcurrentHashMap<>();
    private final Map<Channel, AtomicBoolean> woken = new ConcurrentHashMap<>();
    private volatile boolean running;

    NotificationSender(NotificationMapper mapper, NotificationConfig config, MailChannel mail, WebhookChannel webhooks,
                       Digests digests) {
        this.mapper = mapper;
        this.config = config;
        this.mail = mail;
        this.webhooks = webhooks;
        this.digests = digests;
        this.node = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        for (Channel channel : List.of(Channel.EMAIL, Channel.WEBHOOK)) {
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "notification-" + channel.name().toLowerCase());
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(() -> poll(channel), config.pollInterval.toMillis(),
                    config.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            pollers.put(channel, poller);
            woken.put(channel, new AtomicBoolean());
        }
    }

    @Override
    public void stop() {
        running = false;
        pollers.values().forEach(ScheduledExecutorService::shutdownNow);
        pollers.clear();
    }

    /** New deliveries were committed: one extra round of each poller now (at most one waiting), not at its next tick. */
    void wake() {
        pollers.forEach((channel, poller) -> {
            AtomicBoolean queued = woken.get(channel);
            if (running && queued != null && queued.compareAndSet(false, true)) {
                try {
                    poller.execute(() -> {
                        queued.set(false);
                        poll(channel);
                    });
                } catch (RejectedExecutionException stopping) {
                    queued.set(false);
                }
            }
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * One round: writes the digests whose period ended, claims what is due and sends it; never throws (the
     * schedule would stop).
     */
    void poll(Channel channel) {
        try {
            digests.bundleDue(channel);
            for (Long id : mapper.dueDeliveries(channel.name(), LocalDateTime.now(), BATCH)) {
                if (!running) {
                    return;
                }
                LocalDateTime now = LocalDateTime.now();
                if (mapper.claim(id, node, now, now.plus(config.claimLease)) == 1) {
                    deliver(mapper.findDelivery(id));
                }
            }
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next round tries again
            log.warn("notification poll of {} failed: {}", channel, e.toString());
        }
    }

    private void deliver(Delivery delivery) {
        Notification notification = mapper.findNotification(delivery.getNotificationId());
        try {
            if (Channel.EMAIL.name().equals(delivery.getChannel())) {
                mail.send(notification, delivery.getTarget());
            } else {
                Robot robot = mapper.findRobot(delivery.getRobotId());
                if (robot == null) {
                    throw new IllegalStateException("机器人 " + delivery.getRobotId() + " 已删除");
                }
                webhooks.send(notification, robot);
            }
            mapper.markSent(delivery.getId(), node, LocalDateTime.now());
        } catch (Exception e) {
            int attempts = delivery.getAttempts() + 1;
            boolean last = attempts >= config.maxAttempts;
            String error = NotificationService.cut(describe(e), 1000);
            mapper.markFailedAttempt(delivery.getId(), node, last ? Delivery.FAILED : Delivery.PENDING, error,
                    LocalDateTime.now().plus(config.backoff(attempts)));
            log.warn("notification {} via {} to {}: attempt {} failed{}: {}", notification.getId(),
                    delivery.getChannel(), delivery.getTarget(), attempts, last ? " (last)" : "", error);
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(" ← ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "node";
        }
    }
}
