package org.secflow.servicedesk;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.secflow.notification.Announcement;
import org.secflow.notification.NotificationEvent;
import org.secflow.notification.NotificationService;
import org.secflow.process.EngineTime;
import org.secflow.report.DocumentPdf;
import org.secflow.report.DocumentService;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.ConflictException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security notices (5.1.2 d, 7.4.5.2) with the elements of GB/T 43557—2023, sent to users and groups
 * as in-platform messages whose reading is receipted.
 */
@Service
public class NoticeService {

    static final String KIND_VULNERABILITY = "漏洞预警";
    /** 7.4.5.2 a (real-time notices) and b (monthly situation notice). */
    static final List<String> KINDS = List.of("安全监测结果", "威胁情报", "行业重大安全事件", KIND_VULNERABILITY, "安全态势");
    /** GB/T 30279—2020 classes and levels. */
    static final List<String> VULN_TYPES = List.of("代码问题", "配置错误", "环境问题", "其他");
    static final List<String> VULN_LEVELS = List.of("超危", "高危", "中危", "低危");
    static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    static final Pattern CNVD = Pattern.compile("CNVD-\\d{4}-\\d{4,}");
    static final Pattern CNNVD = Pattern.compile("CNNVD-\\d{6}-\\d{3,}");
    private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** The processes of 7.4.5 a notice may belong to: real-time notices and the monthly situation notice. */
    static final List<String> NOTICE_PROCESSES = List.of("securityNotice", "monthlySecurityNotice");
    static final String TEMPLATE = "notice";

    private final NoticeMapper mapper;
    private final IdentityService identityService;
    private final HistoryService historyService;
    private final ApiPermissions permissions;
    private final DocumentService documents;
    private final DocumentPdf pdf;
    private final NotificationService notifications;

    NoticeService(NoticeMapper mapper, IdentityService identityService, HistoryService historyService,
                  ApiPermissions permissions, DocumentService documents, DocumentPdf pdf,
                  NotificationService notifications) {
        this.notifications = notifications;
        this.mapper = mapper;
        this.identityService = identityService;
        this.historyService = historyService;
        this.permissions = permissions;
        this.documents = documents;
        this.pdf = pdf;
    }

    /** A draft with its elements and recipients; its number (编号) is given now, e.g. TG-20261130-00012. */
    @Transactional
    public Notice create(NewNotice request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTICE);
        Fields fields = new Fields();
        Notice notice = new Notice();
        notice.setKind(fields.oneOf("kind", "信息类型", request.kind(), KINDS, true));
        notice.setTitle(fields.text("title", "名称", request.title(), true, 200));
        notice.setContent(fields.text("content", "内容", request.content(), true, 20000));
        notice.setReportingUnit(fields.text("reportingUnit", "报送单位", request.reportingUnit(), true, 200));
        String reporter = fields.text("reporter", "报送人员", request.reporter(), false, 200);
        notice.setReporter(reporter != null ? reporter : permissions.currentUser());
        boolean vulnerability = KIND_VULNERABILITY.equals(notice.getKind());
        notice.setDiscoveredAt(fields.time("discoveredAt", "发现时间", request.discoveredAt(), vulnerability));
        notice.setVulnType(fields.oneOf("vulnType", "漏洞类型", request.vulnType(), VULN_TYPES, vulnerability));
        notice.setVulnLevel(fields.oneOf("vulnLevel", "漏洞级别", request.vulnLevel(), VULN_LEVELS, vulnerability));
        notice.setCveId(fields.pattern("cveId", "CVE 编号", request.cveId(), CVE, "CVE-2024-3400"));
        notice.setCnvdId(fields.pattern("cnvdId", "CNVD 编号", request.cnvdId(), CNVD, "CNVD-2024-12345"));
        notice.setCnnvdId(fields.pattern("cnnvdId", "CNNVD 编号", request.cnnvdId(), CNNVD, "CNNVD-202404-1234"));
        if (vulnerability && notice.getCveId() == null && notice.getCnvdId() == null && notice.getCnnvdId() == null) {
            fields.reject("cveId", "漏洞编号：漏洞预警须至少填写 CVE、CNVD、CNNVD 编号之一");
        }
        notice.setAffectedScope(fields.text("affectedScope", "影响范围", request.affectedScope(), vulnerability, Fields.MAX_TEXT));
        notice.setConsequence(fields.text("consequence", "危害后果", request.consequence(), vulnerability, Fields.MAX_TEXT));
        notice.setRelatedInfo(fields.text("relatedInfo", "关联信息", request.relatedInfo(), vulnerability, Fields.MAX_TEXT));
        List<Notice.Recipient> recipients = recipients(request, fields);
        notice.setProcessInstanceId(noticeProcess(request.processInstanceId(), fields));
        fields.throwIfAny("通告信息不完整或取值无效");

        LocalDateTime now = EngineTime.now();
        notice.setStatus(Notice.DRAFT);
        notice.setCreatedBy(permissions.currentUser());
        notice.setCreatedAt(now);
        mapper.insert(notice);
        mapper.setNumber(notice.getId(), "TG-" + now.format(NUMBER_DATE) + "-" + String.format("%05d", notice.getId()));
        for (Notice.Recipient recipient : recipients) {
            mapper.insertRecipient(notice.getId(), recipient.type(), recipient.id());
        }
        return withRecipients(mapper.findById(notice.getId()));
    }

    private List<Notice.Recipient> recipients(NewNotice request, Fields fields) {
        List<Notice.Recipient> recipients = new ArrayList<>();
        List<String> users = request.users() == null ? List.of() : request.users();
        List<String> groups = request.groups() == null ? List.of() : request.groups();
        for (int i = 0; i < users.size(); i++) {
            String id = users.get(i);
            if (id == null || identityService.createUserQuery().userId(id).count() == 0) {
                fields.reject("users[" + i + "]", "接收用户：用户「" + id + "」不存在");
            } else {
                recipients.add(new Notice.Recipient(Notice.Recipient.USER, id));
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            String id = groups.get(i);
            if (id == null || identityService.createGroupQuery().groupId(id).count() == 0) {
                fields.reject("groups[" + i + "]", "接收组：组「" + id + "」不存在");
            } else {
                recipients.add(new Notice.Recipient(Notice.Recipient.GROUP, id));
            }
        }
        if (users.isEmpty() && groups.isEmpty()) {
            fields.reject("users", "接收对象：须至少指定一个接收用户或接收组");
        }
        return recipients.stream().distinct().toList();
    }

    /** 报送: the notice gets its 报送时间 and lands in the inbox of every recipient, group members included. */
    @Transactional
    public Notice publish(long id) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTICE);
        Notice notice = existing(id);
        LocalDateTime now = EngineTime.now();
        if (mapper.publish(id, now) == 0) {
            throw new ConflictException("通告 " + id + " 当前状态为「" + notice.getStatus() + "」，不能再次发布（仅草稿可以发布）");
        }
        Set<String> users = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Notice.Recipient recipient : mapper.findRecipients(id)) {
            if (Notice.Recipient.USER.equals(recipient.type())) {
                users.add(recipient.id());
            } else {
                groups.add(recipient.id());
                identityService.createUserQuery().memberOfGroup(recipient.id()).list().stream()
                        .map(User::getId).forEach(users::add);
            }
        }
        users.forEach(user -> mapper.insertMessage(id, user, now));
        announce(mapper.findById(id), users, groups);
        Notice published = withRecipients(mapper.findById(id));
        if (published.getProcessInstanceId() != null) {
            // filed with its 7.4.5 process as published: listed under the process's documents
            documents.renderAndStore(published.getProcessInstanceId(), documentKind(published),
                    title(published), TEMPLATE, model(published), permissions.currentUser());
        }
        return published;
    }

    /**
     * The notice as a document (GB/T 43557—2023 elements with its 编号), rendered now: HTML, or PDF with the
     * Chinese font embedded. A draft renders too, marked as not yet submitted.
     */
    public NoticeDocument document(long id, boolean asPdf) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        Notice notice = withRecipients(existing(id));
        String html = documents.render(TEMPLATE, model(notice));
        String name = "安全通告-" + notice.getNoticeNo();
        return asPdf ? new NoticeDocument(pdf.render(html), name + ".pdf", true)
                : new NoticeDocument(html.getBytes(StandardCharsets.UTF_8), name + ".html", false);
    }

    /** The kind under which a notice is kept with its process: one document per notice, by its number. */
    public static String documentKind(Notice notice) {
        return "安全通告 " + notice.getNoticeNo();
    }

    private static String title(Notice notice) {
        return "安全通告 " + notice.getNoticeNo() + "：" + notice.getTitle();
    }

    private static Map<String, Object> model(Notice notice) {
        Map<String, Object> model = new HashMap<>();
        model.put("notice", notice);
        model.put("vulnerability", KIND_VULNERABILITY.equals(notice.getKind()));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        return model;
    }

    // the 7.4.5 process the notice belongs to, as the caller sees it in the history
    private String noticeProcess(String processInstanceId, Fields fields) {
        if (processInstanceId == null || processInstanceId.isBlank()) {
            return null;
        }
        HistoricProcessInstance process = processInstanceId.length() > 64 ? null : historyService
                .createHistoricProcessInstanceQuery().processInstanceId(processInstanceId.strip()).singleResult();
        if (process == null || !NOTICE_PROCESSES.contains(process.getProcessDefinitionKey())) {
            fields.reject("processInstanceId", "所属流程：不是安全通告 7.4.5 的流程实例（或无权查看）");
            return null;
        }
        return process.getId();
    }

    /**
     * The recipients are told by their notification channels too: a line in the platform's one inbox
     * ({@code /api/notifications/inbox}, next to tasks and deadlines) linking to the notice whose read receipt
     * stays here, mail, and the recipient groups' robots. The publisher is not told.
     */
    private void announce(Notice notice, Set<String> users, Set<String> groups) {
        String body = "【" + notice.getKind() + "】" + notice.getNoticeNo() + "，报送单位：" + notice.getReportingUnit()
                + "。\n" + notice.getContent();
        notifications.announce(new Announcement(NotificationEvent.NOTICE_PUBLISHED, "安全通告：" + notice.getTitle(),
                body, notifications.link("/api/notices/" + notice.getId()), null, null, null, users, groups,
                permissions.currentUser()));
    }

    public Page<NoticeMessage> inbox(PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        String user = permissions.currentUser();
        return page.of(mapper.inbox(user, page.size(), page.offset()), mapper.countInbox(user));
    }

    /**
     * The caller's read receipt; reading again keeps the first time. Needs only READ: whoever
     * receives a notice, auditors included, may confirm having read it.
     */
    @Transactional
    public NoticeMessage read(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        existing(id);
        String user = permissions.currentUser();
        if (mapper.findMessage(id, user) == null) {
            throw new NotFoundException("通告 " + id + " 不在您的收件箱中");
        }
        mapper.markRead(id, user, EngineTime.now());
        return mapper.findMessage(id, user);
    }

    /** Who read the notice when, and who has not yet. */
    public Receipts receipts(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        Notice notice = existing(id);
        List<NoticeMessage> messages = mapper.findMessages(id);
        List<Receipt> read = messages.stream().filter(NoticeMessage::isRead)
                .map(m -> new Receipt(m.getUserId(), m.getDeliveredAt(), m.getReadAt())).toList();
        List<Receipt> unread = messages.stream().filter(m -> !m.isRead())
                .map(m -> new Receipt(m.getUserId(), m.getDeliveredAt(), null)).toList();
        return new Receipts(id, notice.getNoticeNo(), messages.size(), read, unread);
    }

    public Notice get(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        return withRecipients(existing(id));
    }

    public Page<Notice> list(String status, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTICE);
        Fields fields = new Fields();
        fields.oneOf("status", "状态", status, List.of(Notice.DRAFT, Notice.PUBLISHED), false);
        fields.throwIfAny("查询参数无效");
        return page.of(mapper.find(status, page.size(), page.offset()).stream().map(this::withRecipients).toList(),
                mapper.count(status));
    }

    private Notice existing(long id) {
        Notice notice = mapper.findById(id);
        if (notice == null) {
            throw new NotFoundException("通告 " + id + " 不存在");
        }
        return notice;
    }

    private Notice withRecipients(Notice notice) {
        notice.setRecipients(mapper.findRecipients(notice.getId()));
        return notice;
    }

    /** Body of a new notice; the vulnerability elements are required when the kind is 漏洞预警. */
    public record NewNotice(String kind, String title, String content, String reportingUnit, String reporter,
                            String discoveredAt, String vulnType, String vulnLevel, String cveId, String cnvdId,
                            String cnnvdId, String affectedScope, String consequence, String relatedInfo,
                            List<String> users, List<String> groups, String processInstanceId) {
    }

    /** A rendered notice document and the file name to download it as. */
    public record NoticeDocument(byte[] content, String fileName, boolean pdf) {
    }

    /** One recipient's receipt. */
    public record Receipt(String userId,
                          @JsonSerialize(using = DisplayTime.class) LocalDateTime deliveredAt,
                          @JsonSerialize(using = DisplayTime.class) LocalDateTime readAt) {
    }

    public record Receipts(long noticeId, String noticeNo, int recipients, List<Receipt> read, List<Receipt> unread) {
    }
}
