package org.secflow.servicedesk;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.secflow.process.EngineTime;
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

    private final NoticeMapper mapper;
    private final IdentityService identityService;
    private final ApiPermissions permissions;

    NoticeService(NoticeMapper mapper, IdentityService identityService, ApiPermissions permissions) {
        this.mapper = mapper;
        this.identityService = identityService;
        this.permissions = permissions;
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
        for (Notice.Recipient recipient : mapper.findRecipients(id)) {
            if (Notice.Recipient.USER.equals(recipient.type())) {
                users.add(recipient.id());
            } else {
                identityService.createUserQuery().memberOfGroup(recipient.id()).list().stream()
                        .map(User::getId).forEach(users::add);
            }
        }
        users.forEach(user -> mapper.insertMessage(id, user, now));
        return withRecipients(mapper.findById(id));
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
                            List<String> users, List<String> groups) {
    }

    /** One recipient's receipt. */
    public record Receipt(String userId,
                          @JsonSerialize(using = DisplayTime.class) LocalDateTime deliveredAt,
                          @JsonSerialize(using = DisplayTime.class) LocalDateTime readAt) {
    }

    public record Receipts(long noticeId, String noticeNo, int recipients, List<Receipt> read, List<Receipt> unread) {
    }
}
