package org.secflow.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.secflow.incident.Incident;
import org.secflow.incident.IncidentReport;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.servicedesk.Fields;
import org.secflow.web.ConflictException;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert aggregation and triage (5.1.2 c, 7.4.4.7): alerts of the same source, type and asset
 * within the aggregation window join one group; a group judged to be an incident starts emergency
 * response (7.5.1) through the incident intake.
 */
@Service
public class AlertService {

    /** Severity from the device, mildest first; a group keeps the most severe of its alerts. */
    static final List<String> SEVERITIES = List.of("低", "中", "高", "严重");
    static final String OUTCOME_INCIDENT = "事件";
    static final List<String> OUTCOMES = List.of(OUTCOME_INCIDENT, "误报", "非事件/已处理");
    /** What a group whose alerts named a valid indicator shows (7.2.7.5, 7.4.4). */
    public static final String INTEL_HIT = "命中威胁情报";

    private final AlertMapper mapper;
    private final IncidentService incidents;
    private final ApiPermissions permissions;
    private final Duration window;
    private final ThreatIntelHits intel;

    AlertService(AlertMapper mapper, IncidentService incidents, ApiPermissions permissions,
                 @Value("${secflow.alerts.aggregation-window}") Duration window, ThreatIntelHits intel) {
        this.intel = intel;
        this.mapper = mapper;
        this.incidents = incidents;
        this.permissions = permissions;
        this.window = window;
    }

    /** One alert or a batch (JSON array): all are checked first, then all stored, or none. */
    @Transactional
    public List<Received> receive(JsonNode body) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ALERT);
        boolean batch = body != null && body.isArray();
        List<JsonNode> items = new ArrayList<>();
        if (batch) {
            body.forEach(items::add);
        } else if (body != null && body.isObject()) {
            items.add(body);
        }
        if (items.isEmpty()) {
            throw new InvalidInputException("告警无效", List.of(new FieldError("alerts", "请求体须为一条告警或告警数组，不能为空")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields fields = new Fields(batch ? "[" + i + "]." : "");
            alerts.add(parse(items.get(i), fields));
            errors.addAll(fields.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("告警信息不完整或取值无效", errors);
        }
        String user = permissions.currentUser();
        List<Received> received = new ArrayList<>();
        for (Alert alert : alerts) {
            received.add(aggregate(alert, user));
        }
        return received;
    }

    private static Alert parse(JsonNode node, Fields fields) {
        if (!node.isObject()) {
            fields.reject("alert", "每条告警须为 JSON 对象");
            return null;
        }
        Alert alert = new Alert();
        alert.setSource(fields.text("source", "告警来源设备", text(node, "source", fields), true, 200));
        alert.setAlertType(fields.text("alertType", "告警类型", text(node, "alertType", fields), true, 200));
        alert.setAsset(fields.text("asset", "资产", text(node, "asset", fields), true, 255));
        alert.setSeverity(fields.oneOf("severity", "告警级别", text(node, "severity", fields), SEVERITIES, true));
        alert.setTitle(fields.text("title", "告警名称", text(node, "title", fields), true, 200));
        alert.setDetail(fields.text("detail", "告警详情", text(node, "detail", fields), false, Fields.MAX_TEXT));
        alert.setOccurredAt(fields.time("occurredAt", "发生时间", text(node, "occurredAt", fields), false));
        return alert;
    }

    private static String text(JsonNode node, String field, Fields fields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fields.reject(field, "须为文本");
            return null;
        }
        return value.asText();
    }

    private Received aggregate(Alert alert, String user) {
        LocalDateTime now = EngineTime.now();
        AlertGroup group = mapper.findOpenGroup(alert.getSource(), alert.getAlertType(), alert.getAsset(), now.minus(window));
        boolean newGroup = group == null;
        if (newGroup) {
            group = new AlertGroup();
            group.setSource(alert.getSource());
            group.setAlertType(alert.getAlertType());
            group.setAsset(alert.getAsset());
            group.setSeverity(alert.getSeverity());
            group.setAlertCount(1);
            group.setFirstSeenAt(now);
            group.setLastSeenAt(now);
            group.setStatus(AlertGroup.OPEN);
            mapper.insertGroup(group);
        } else {
            mapper.addToGroup(group.getId(), moreSevere(group.getSeverity(), alert.getSeverity()), now);
        }
        alert.setGroupId(group.getId());
        alert.setReceivedAt(now);
        alert.setReceivedBy(user);
        mapper.insertAlert(alert);
        intel.match(alert);
        return new Received(alert.getId(), group.getId(), newGroup);
    }

    private static String moreSevere(String a, String b) {
        return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b) ? a : b;
    }

    /**
     * Judges an open group; an incident is reported to emergency response with the grading inputs
     * of the request, and the group keeps the incident and its process instance.
     */
    @Transactional
    public AlertGroup triage(long groupId, TriageRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.ALERT);
        AlertGroup group = mapper.findGroup(groupId);
        if (group == null) {
            throw new NotFoundException("告警组 " + groupId + " 不存在");
        }
        Fields fields = new Fields();
        String outcome = fields.oneOf("outcome", "研判结论", request.outcome(), OUTCOMES, true);
        String note = fields.text("note", "研判说明", request.note(), false, Fields.MAX_TEXT);
        fields.throwIfAny("研判信息不完整或取值无效");
        if (!AlertGroup.OPEN.equals(group.getStatus())) {
            throw conflict(group);
        }
        // The conditional update takes the row: of two concurrent triages only one starts an incident.
        if (mapper.triage(groupId, outcome, note, permissions.currentUser(), EngineTime.now()) == 0) {
            throw conflict(mapper.findGroup(groupId));
        }
        if (OUTCOME_INCIDENT.equals(outcome)) {
            Incident incident = incidents.report(incidentReport(group, request));
            mapper.linkIncident(groupId, incident.getId(), incident.getProcessInstanceId());
        }
        return mapper.findGroup(groupId);
    }

    private static ConflictException conflict(AlertGroup group) {
        return new ConflictException("告警组 " + group.getId() + " 当前状态为「" + group.getStatus() + "」（结论："
                + group.getOutcome() + "），不能再次研判");
    }

    /** What the intake needs: the alert group gives title, description and asset, the request the grading. */
    private IncidentReport incidentReport(AlertGroup group, TriageRequest request) {
        String title = request.title() != null && !request.title().isBlank() ? request.title()
                : "告警研判为安全事件：" + group.getAlertType() + "（" + group.getAsset() + "）";
        String description = request.description() != null && !request.description().isBlank() ? request.description()
                : group.getSource() + " 在 " + EngineTime.forDisplay(group.getFirstSeenAt()) + " 至 "
                        + EngineTime.forDisplay(group.getLastSeenAt()) + " 间报告 " + (group.getAlertCount())
                        + " 条「" + group.getAlertType() + "」告警（最高级别：" + group.getSeverity() + "）"
                        + (request.note() == null ? "" : "。研判说明：" + request.note());
        return new IncidentReport(title, description, request.category(), request.subcategory(),
                request.objectImportance(), request.systemLoss(), request.socialImpact(), request.reporterType(),
                List.of(group.getAsset()), "监控", request.measuresTaken());
    }

    public Page<AlertGroup> groups(String status, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.ALERT);
        if (status != null) {
            Fields check = new Fields();
            check.oneOf("status", "状态", status, List.of(AlertGroup.OPEN, AlertGroup.CLOSED), false);
            check.throwIfAny("查询参数无效");
        }
        return page.of(mapper.findGroups(status, page.size(), page.offset()), mapper.countGroups(status));
    }

    public GroupDetails group(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.ALERT);
        AlertGroup group = mapper.findGroup(id);
        if (group == null) {
            throw new NotFoundException("告警组 " + id + " 不存在");
        }
        List<ThreatIntelHits.IntelHit> hits = intel.ofGroup(id);
        return new GroupDetails(group, mapper.findAlerts(id, PageRequest.MAX_SIZE, 0),
                hits.isEmpty() ? List.of() : List.of(INTEL_HIT), hits);
    }

    public Page<Alert> alerts(Long groupId, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.ALERT);
        return page.of(mapper.findAlerts(groupId, page.size(), page.offset()), mapper.countAlerts(groupId));
    }

    public Alert alert(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.ALERT);
        Alert alert = mapper.findAlert(id);
        if (alert == null) {
            throw new NotFoundException("告警 " + id + " 不存在");
        }
        return alert;
    }

    /** Where an alert went: its id, its group, and whether the group is new. */
    public record Received(long alertId, long groupId, boolean newGroup) {
    }

    /**
     * A group with its latest alerts (up to 200), its marks ({@value #INTEL_HIT} when one of its alerts named a valid
     * indicator) and those hits with their source: what triage looks at.
     */
    public record GroupDetails(AlertGroup group, List<Alert> alerts, List<String> marks,
                               List<ThreatIntelHits.IntelHit> intelHits) {
    }

    /** Body of the triage: the outcome, and for an incident the grading inputs the alerts lack. */
    public record TriageRequest(String outcome, String note, String title, String description, String category,
                                String subcategory, String objectImportance, String systemLoss, String socialImpact,
                                String reporterType, String measuresTaken) {
    }
}
