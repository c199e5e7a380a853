package org.secflow.scan;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import java.util.List;
import org.secflow.servicedesk.DisplayTime;

/** A scan task (row of {@code scan_task}): which asset groups, when (cron), with which scanner. */
public class ScanTask {

    private Long id;
    private String name;
    private long toolId;
    private String toolName;
    private String schedule;
    private LocalDateTime nextRunAt;
    private String description;
    private List<Long> groupIds;
    private LocalDateTime lastRunAt;
    private String createdBy;
    private LocalDateTime createdAt;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public long getToolId() { return toolId; }
    public void setToolId(long toolId) { this.toolId = toolId; }
    public String getToolName() { return toolName; }
    public void setToolName(String toolName) { this.toolName = toolName; }
    /** Spring cron expression (second minute hour day month weekday). */
    public String getSchedule() { return schedule; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
    /** When the schedule next comes round. */
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getNextRunAt() { return nextRunAt; }
    public void setNextRunAt(LocalDateTime nextRunAt) { this.nextRunAt = nextRunAt; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    /** The asset groups in its scope. */
    public List<Long> getGroupIds() { return groupIds; }
    public void setGroupIds(List<Long> groupIds) { this.groupIds = groupIds; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getLastRunAt() { return lastRunAt; }
    public void setLastRunAt(LocalDateTime lastRunAt) { this.lastRunAt = lastRunAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
}
