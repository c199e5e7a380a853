package org.secflow.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDateTime;

/** A group's robot (企业微信, 钉钉) or generic webhook: a row of {@code notification_robot}. */
public class Robot {

    private Long id;
    private String groupId;
    private String kind;
    private String name;
    private String url;
    private String secret;
    /** Comma-separated events the robot receives; null or empty: all. */
    private String events;
    private boolean enabled;
    private LocalDateTime createdAt;

    boolean receives(NotificationEvent event) {
        return enabled && (events == null || events.isBlank()
                || java.util.Arrays.asList(events.split(",")).contains(event.name()));
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    /** Never shown by the API; whether one is set is. */
    @JsonIgnore
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public boolean isSigned() { return secret != null && !secret.isEmpty(); }
    public String getEvents() { return events; }
    public void setEvents(String events) { this.events = events; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    @JsonIgnore
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
}
