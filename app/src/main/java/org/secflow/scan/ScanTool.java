package org.secflow.scan;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.secflow.servicedesk.DisplayTime;

/** A scanner of the provider (row of {@code scan_tool}): kind, version, where it runs, until when it is licensed. */
public class ScanTool {

    private Long id;
    private String name;
    private String kind;
    private String version;
    private String location;
    private LocalDate licenceExpiresOn;
    private boolean licenceExpired;
    private String createdBy;
    private LocalDateTime createdAt;

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    /** 主机漏洞扫描, Web 漏洞扫描, 数据库漏洞扫描, 基线核查, 资产测绘 or 其他. */
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    /** Where it runs (host, network zone, SaaS address). */
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    /** Last day of the licence; none: no licence needed (open source). */
    public LocalDate getLicenceExpiresOn() { return licenceExpiresOn; }
    public void setLicenceExpiresOn(LocalDate licenceExpiresOn) { this.licenceExpiresOn = licenceExpiresOn; }
    /** The licence ran out before today. */
    public boolean isLicenceExpired() { return licenceExpired; }
    public void setLicenceExpired(boolean licenceExpired) { this.licenceExpired = licenceExpired; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    @JsonSerialize(using = DisplayTime.class)
    public LocalDateTime getCreatedAt() { return createdAt; }
    public void setCreatedAt(LocalDateTime createdAt) { this.createdAt = createdAt; }
}
