package org.secflow.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;

/** One channel's duty to carry one notification: a row of {@code notification_delivery}. */
public class Delivery {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    /** Waits for its group's digest (new tasks of a group that chose one per period). */
    public static final String DIGEST = "DIGEST";
    /** Carried by a digest: {@link #getBundledInto()} is the digest's notification. */
    public static final String DIGESTED = "DIGESTED";

    private Long id;
    private Long notificationId;
    private String channel;
    private String target;
    private Long robotId;
    private String status;
    private int attempts;
    private LocalDateTime nextAttemptAt;
    private String lastError;
    private String claimedBy;
    private LocalDateTime sentAt;
    private LocalDateTime createdAt;
    private Long bundledInto;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Long getNotificationId() { return notificationId; }
    public void setNotificationId(Long notificationId) { this.notificationId = notificationId; }
    public String getChannel() { return channel; }
    public void setChannel(String channel) { this.channel = channel; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public Long getRobotId() { return robotId; }
    public void setRobotId(Long robotId) { this.robotId = robotId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public LocalDateTime getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(LocalDateTime nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    @JsonIgnore
    public String getClaimedBy() { return claimedBy; }
    public void setClaimedBy(String claimedBy) { this.claimedBy = claimedBy; }
    public LocalDateTime getSentAt() { return sentAt; }
    public void setSentAt(LocalDateTime sentAt) { this.sentAt = sentAt; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
    public Long getBundledInto() { return bundledInto; }
    public void setBundledInto(Long bundledInto) { this.bundledInto = bundledInto; }
}
