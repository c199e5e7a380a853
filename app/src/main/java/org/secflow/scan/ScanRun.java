package org.secflow.scan;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/** A run of a scan task (row of {@code scan_run}) and the vulnerability import its report produced. */
public class ScanRun {

    private Long id;
    private long taskId;
    private long importId;
    private LocalDateTime ranAt;
    private String recordedBy;
    private LocalDateTime recordedAt;
    private Integer newCount;
    private Integer findingCount;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public long getTaskId() { return taskId; }
    public void setTaskId(long taskId) { this.taskId = taskId; }
    /** The import (/api/vulnerabilities/imports/{id}) of the run's report. */
    public long getImportId() { return importId; }
    public void setImportId(long importId) { this.importId = importId; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getRanAt() { return ranAt; }
    public void setRanAt(LocalDateTime ranAt) { this.ranAt = ranAt; }
    public String getRecordedBy() { return recordedBy; }
    public void setRecordedBy(String recordedBy) { this.recordedBy = recordedBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getRecordedAt() { return recordedAt; }
    public void setRecordedAt(LocalDateTime recordedAt) { this.recordedAt = recordedAt; }
    /** Findings the import reported new (in the answer to the run's upload). */
    public Integer getNewCount() { return newCount; }
    public void setNewCount(Integer newCount) { this.newCount = newCount; }
    public Integer getFindingCount() { return findingCount; }
    public void setFindingCount(Integer findingCount) { this.findingCount = findingCount; }
}
