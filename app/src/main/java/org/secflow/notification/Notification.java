package org.secflow.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.secflow.process.EngineTime;

/** One notification for one person (inbox, mail) or one group (robots): a row of {@code notification}. */
public class Notification {

    private Long id;
    private String event;
    private String recipientUser;
    private String recipientGroup;
    private boolean inInbox;
    private String title;
    private String body;
    private String link;
    private String taskId;
    private String processInstanceId;
    private LocalDateTime deadline;
    private String actor;
    private LocalDateTime createdAt;
    private LocalDateTime readAt;

    public String getEventName() {
        return event == null ? null : NotificationEvent.valueOf(event).label();
    }

    public boolean isRead() { return readAt != null; }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getEvent() { return event; }
    public void setEvent(String event) { this.event = event; }
    public String getRecipientUser() { return recipientUser; }
    public void setRecipientUser(String recipientUser) { this.recipientUser = recipientUser; }
    public String getRecipientGroup() { return recipientGroup; }
    public void setRecipientGroup(String recipientGroup) { this.recipientGroup = recipientGroup; }
    @JsonIgnore
    public boolean isInInbox() { return inInbox; }
    public void setInInbox(boolean inInbox) { this.inInbox = inInbox; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getLink() { return link; }
    public void setLink(String link) { this.link = link; }
    public String getTaskId() { return taskId; }
    public void setTaskId(String taskId) { this.taskId = taskId; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    @JsonIgnore
    public LocalDateTime getDeadline() { return deadline; }
    public void setDeadline(LocalDateTime deadline) { this.deadline = deadline; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    @JsonIgnore
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
    @JsonIgnore
    public LocalDateTime getReadAt() { return readAt; }
    public void setReadAt(LocalDateTime readAt) { this.readAt = readAt; }

    /** Times as the API shows them ({@code +08:00}). */
    public OffsetDateTime getDeadlineAt() { return EngineTime.forDisplay(deadline); }
    public OffsetDateTime getCreated() { return EngineTime.forDisplay(createdAt); }
    public OffsetDateTime getReadTime() { return EngineTime.forDisplay(readAt); }
}
