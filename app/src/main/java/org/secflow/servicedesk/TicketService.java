package org.secflow.servicedesk;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.secflow.form.SubmissionGuard;
import org.secflow.process.DeadlineTimers;
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
 * Tickets of the service desk (5.1.2 d, 5.1.3): every service request with channel, priority and
 * SLA deadlines, its assignee and lifecycle; a consulting request starts security consulting (7.3.1).
 */
@Service
public class TicketService {

    static final String KIND_CONSULTING = "咨询";
    static final List<String> KINDS = List.of(KIND_CONSULTING, "服务申请", "报障");
    static final List<String> CHANNELS = List.of("热线", "站内消息", "即时通讯", "平台");

    static final String NEW = "新建";
    static final String ACCEPTED = "已受理";
    static final String IN_PROGRESS = "处理中";
    static final String RESOLVED = "已解决";
    static final String CLOSED = "已关闭";
    static final List<String> STATUSES = List.of(NEW, ACCEPTED, IN_PROGRESS, RESOLVED, CLOSED);

    /** The lifecycle: each action with the one status it starts from and the status it leads to. */
    enum Action {
        accept("受理", NEW, ACCEPTED),
        start("开始处理", ACCEPTED, IN_PROGRESS),
        resolve("解决", IN_PROGRESS, RESOLVED),
        reopen("重新处理", RESOLVED, IN_PROGRESS),
        close("关闭", RESOLVED, CLOSED);

        final String label;
        final String from;
        final String to;

        Action(String label, String from, String to) {
            this.label = label;
            this.from = from;
            this.to = to;
        }
    }

    private final TicketMapper mapper;
    private final TicketSla sla;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ApiPermissions permissions;
    private final DeadlineTimers timers;

    TicketService(TicketMapper mapper, TicketSla sla, RuntimeService runtimeService, IdentityService identityService,
                  ApiPermissions permissions, DeadlineTimers timers) {
        this.mapper = mapper;
        this.sla = sla;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.permissions = permissions;
        this.timers = timers;
    }

    /**
     * Records the request with its deadlines and the engine timer of its response deadline; a consulting
     * request starts its process in the same transaction.
     */
    @Transactional
    public Ticket create(NewTicket request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.TICKET);
        Fields fields = new Fields();
        Ticket ticket = new Ticket();
        ticket.setKind(fields.oneOf("kind", "工单类型", request.kind(), KINDS, true));
        ticket.setChannel(fields.oneOf("channel", "受理渠道", request.channel(), CHANNELS, true));
        ticket.setPriority(fields.oneOf("priority", "优先级", request.priority(), sla.priorities(), true));
        ticket.setTitle(fields.text("title", "标题", request.title(), true, 200));
        ticket.setDescription(fields.text("description", "请求内容", request.description(), true, Fields.MAX_TEXT));
        ticket.setRequestingUnit(fields.text("requestingUnit", "请求单位", request.requestingUnit(), true, 200));
        ticket.setContactPerson(fields.text("contactPerson", "联系人", request.contactPerson(), true, 200));
        ticket.setContactInfo(fields.text("contactInfo", "联系方式", request.contactInfo(), true, 200));
        ticket.setAssignee(user(fields, "assignee", "处理人", request.assignee()));
        fields.throwIfAny("工单信息不完整或取值无效");

        LocalDateTime now = EngineTime.now();
        TicketSla.Level level = sla.of(ticket.getPriority());
        ticket.setStatus(NEW);
        ticket.setResponseDue(now.plus(level.getRespond()));
        ticket.setResolveDue(now.plus(level.getResolve()));
        ticket.setCreatedBy(permissions.currentUser());
        ticket.setCreatedAt(now);
        mapper.insert(ticket);
        timers.schedule(TicketResponseTimer.TYPE, String.valueOf(ticket.getId()), ticket.getResponseDue());

        if (KIND_CONSULTING.equals(ticket.getKind())) {
            // values computed from the record validated above, not a person's form submission
            ProcessInstance instance = SubmissionGuard.startedByPlatform(() -> runtimeService.startProcessInstanceByKey(
                    SecurityConsulting.PROCESS_KEY, String.valueOf(ticket.getId()), consultingVariables(ticket)));
            mapper.linkProcess(ticket.getId(), instance.getId());
        }
        return mapper.findById(ticket.getId());
    }

    private static Map<String, Object> consultingVariables(Ticket ticket) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(SecurityConsulting.TICKET_ID, ticket.getId());
        variables.put(SecurityConsulting.CHANNEL, SecurityConsulting.CHANNELS.get(ticket.getChannel()));
        variables.put(SecurityConsulting.REQUESTING_UNIT, ticket.getRequestingUnit());
        variables.put(SecurityConsulting.CONTACT_PERSON, ticket.getContactPerson());
        variables.put(SecurityConsulting.CONTACT_INFO, ticket.getContactInfo());
        variables.put(SecurityConsulting.SUMMARY, ticket.getTitle() + "：" + ticket.getDescription());
        return variables;
    }

    /** One step of the lifecycle; a step the current status does not allow is a conflict. */
    @Transactional
    public Ticket transition(long id, Action action, TransitionRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.TICKET);
        Ticket ticket = existing(id);
        Fields fields = new Fields();
        String assignee = user(fields, "assignee", "处理人", request == null ? null : request.assignee());
        String resolution = fields.text("resolution", "处理结果", request == null ? null : request.resolution(),
                action == Action.resolve, Fields.MAX_TEXT);
        fields.throwIfAny("工单操作参数无效");
        if (action == Action.accept && assignee == null && ticket.getAssignee() == null) {
            assignee = permissions.currentUser();
        }
        if (!action.from.equals(ticket.getStatus())
                || mapper.transition(id, action.from, action.to, EngineTime.now(), permissions.currentUser(), assignee,
                        action == Action.resolve ? resolution : null) == 0) {
            throw new ConflictException("工单 " + id + " 当前状态为「" + existing(id).getStatus() + "」，不能执行「"
                    + action.label + "」（仅「" + action.from + "」状态可以）");
        }
        return mapper.findById(id);
    }

    /**
     * Moves a consultation's ticket as its process (7.3.1) goes on: the process is authorized by its tasks' groups,
     * so the actor needs no ticket permission of their own. A step the ticket has already taken through the API
     * (e.g. accepted by hand before the desk recorded it) is left as it is: the first response stays the first.
     * Answering from 已受理 resolves directly (the desk answered at once); from 处理中 after an expert's reply.
     */
    @Transactional
    public void followProcess(long ticketId, Action action, String actor, String resolution) {
        Ticket ticket = mapper.findById(ticketId);
        if (ticket == null) {
            throw new IllegalStateException("the consulting process refers to ticket " + ticketId + ", which does not exist");
        }
        String status = ticket.getStatus();
        LocalDateTime now = EngineTime.now();
        switch (action) {
            case accept -> {
                if (NEW.equals(status)) {
                    mapper.transition(ticketId, NEW, ACCEPTED, now, actor, ticket.getAssignee() == null ? actor : null, null);
                }
            }
            case start -> {
                if (ACCEPTED.equals(status)) {
                    mapper.transition(ticketId, ACCEPTED, IN_PROGRESS, now, actor, null, null);
                }
            }
            case resolve -> {
                if (ACCEPTED.equals(status) || IN_PROGRESS.equals(status)) {
                    mapper.transition(ticketId, status, RESOLVED, now, actor, actor, resolution);
                }
            }
            case close -> {
                if (RESOLVED.equals(status)) {
                    mapper.transition(ticketId, RESOLVED, CLOSED, now, actor, null, null);
                }
            }
            default -> throw new IllegalArgumentException("the consulting process does not " + action);
        }
    }

    @Transactional
    public Ticket assign(long id, TransitionRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.TICKET);
        Ticket ticket = existing(id);
        Fields fields = new Fields();
        String assignee = user(fields, "assignee", "处理人", request == null ? null : request.assignee());
        if (assignee == null && fields.ok()) {
            fields.reject("assignee", "处理人：必填");
        }
        fields.throwIfAny("工单操作参数无效");
        if (mapper.assign(id, assignee) == 0) {
            throw new ConflictException("工单 " + id + " 当前状态为「" + ticket.getStatus() + "」，不能再指派处理人");
        }
        return mapper.findById(id);
    }

    public Ticket get(long id) {
        permissions.require(PlatformPermission.READ, PlatformResource.TICKET);
        return existing(id);
    }

    public Page<Ticket> list(String status, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.TICKET);
        Fields fields = new Fields();
        fields.oneOf("status", "状态", status, STATUSES, false);
        fields.throwIfAny("查询参数无效");
        return page.of(mapper.find(status, page.size(), page.offset()), mapper.count(status));
    }

    /**
     * 工单响应速度 (Appendix B, 问题上报时效): of the tickets created in the period [from, to), how many were
     * answered (accepted), how many within their response deadline, and the average minutes to answer.
     */
    public Responses responses(LocalDateTime from, LocalDateTime to) {
        List<Ticket> tickets = mapper.findCreatedBetween(from, to);
        List<Ticket> answered = tickets.stream().filter(ticket -> ticket.getFirstResponseAt() != null).toList();
        long inTime = answered.stream().filter(ticket -> !ticket.getFirstResponseAt().isAfter(ticket.getResponseDue())).count();
        Long averageMinutes = answered.isEmpty() ? null : Math.round(answered.stream()
                .mapToLong(ticket -> Duration.between(ticket.getCreatedAt(), ticket.getFirstResponseAt()).toSeconds())
                .average().orElseThrow() / 60);
        return new Responses(tickets.size(), answered.size(), (int) inTime, averageMinutes);
    }

    public record Responses(int tickets, int answered, int answeredInTime, Long averageResponseMinutes) {
    }

    /** Whether a ticket exists, for records that refer to one (e.g. a knowledge article from its answer). */
    boolean exists(long id) {
        return mapper.findById(id) != null;
    }

    private Ticket existing(long id) {
        Ticket ticket = mapper.findById(id);
        if (ticket == null) {
            throw new NotFoundException("工单 " + id + " 不存在");
        }
        return ticket;
    }

    /** An optional user id that must name a platform user. */
    private String user(Fields fields, String field, String label, String value) {
        String id = fields.text(field, label, value, false, 64);
        if (id != null && identityService.createUserQuery().userId(id).count() == 0) {
            fields.reject(field, label + "：用户「" + id + "」不存在");
        }
        return id;
    }

    /** Body of a new ticket. */
    public record NewTicket(String kind, String channel, String priority, String title, String description,
                            String requestingUnit, String contactPerson, String contactInfo, String assignee) {
    }

    /** Optional body of a lifecycle step: a new assignee, the resolution (required to resolve). */
    public record TransitionRequest(String assignee, String resolution) {
    }
}
