package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.secflow.process.EngineTime;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.secflow.web.ConflictException;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.secflow.web.NotFoundException;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox, the settings (users their own; administrators anyone's and the groups' robots) and the
 * deliveries that failed, with their resend.
 */
@Service
class NotificationAdministration {

    static final int DEFAULT_DIGEST_MINUTES = 60;

    private final NotificationMapper mapper;
    private final NotificationService notifications;
    private final ApiPermissions permissions;
    private final ObjectProvider<JavaMailSender> mailSender;

    NotificationAdministration(NotificationMapper mapper, NotificationService notifications, ApiPermissions permissions,
                               ObjectProvider<JavaMailSender> mailSender) {
        this.mapper = mapper;
        this.notifications = notifications;
        this.permissions = permissions;
        this.mailSender = mailSender;
    }

    Page<Notification> inbox(PageRequest page) {
        String user = currentUser();
        return page.of(mapper.inbox(user, page.size(), page.offset()), mapper.countInbox(user));
    }

    @Transactional
    Notification read(long id) {
        String user = currentUser();
        Notification notification = mapper.findNotification(id);
        if (notification == null || !user.equals(notification.getRecipientUser()) || !notification.isInInbox()) {
            throw new NotFoundException("通知 " + id + " 不在您的收件箱中");
        }
        mapper.markRead(id, user, EngineTime.now());
        return mapper.findNotification(id);
    }

    UserSettings settings(String userId) {
        String user = userId == null ? currentUser() : othersOrOwn(userId, PlatformPermission.READ);
        NotificationMapper.Member member = mapper.user(user);
        if (member == null) {
            throw new NotFoundException("用户 " + user + " 不存在");
        }
        List<Setting> settings = new ArrayList<>();
        notifications.channels(user).forEach((event, channels) -> channels.forEach((channel, enabled) ->
                settings.add(new Setting(event.name(), event.label(), channel.name(), channel.label(), enabled))));
        return new UserSettings(user, member.email(), mailSender.getIfAvailable() != null, settings);
    }

    @Transactional
    UserSettings change(String userId, SettingsChange change) {
        String user = userId == null ? currentUser() : othersOrOwn(userId, PlatformPermission.WRITE);
        if (mapper.user(user) == null) {
            throw new NotFoundException("用户 " + user + " 不存在");
        }
        List<FieldError> errors = new ArrayList<>();
        List<SettingChange> settings = change == null || change.settings() == null ? List.of() : change.settings();
        if (settings.isEmpty()) {
            errors.add(new FieldError("settings", "须至少包含一项设置"));
        }
        for (int i = 0; i < settings.size(); i++) {
            SettingChange setting = settings.get(i);
            if (setting == null || oneOf(setting.event(), NotificationEvent.values()) == null) {
                errors.add(new FieldError("settings[" + i + "].event", "通知事件须为 " + names(NotificationEvent.values())));
            }
            Channel channel = setting == null ? null : oneOf(setting.channel(), Channel.values());
            if (channel == null || !Arrays.asList(Channel.PERSONAL).contains(channel)) {
                errors.add(new FieldError("settings[" + i + "].channel", "渠道须为 INBOX 或 EMAIL"));
            }
            if (setting == null || setting.enabled() == null) {
                errors.add(new FieldError("settings[" + i + "].enabled", "须为 true 或 false"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("通知设置无效", errors);
        }
        for (SettingChange setting : settings) {
            mapper.deleteSetting(user, setting.event(), setting.channel());
            mapper.insertSetting(user, setting.event(), setting.channel(), setting.enabled());
        }
        return settings(userId);
    }

    List<Robot> robots(String groupId) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTIFICATION_SETTINGS);
        return mapper.robots(groupId);
    }

    @Transactional
    Robot addRobot(RobotRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTIFICATION_SETTINGS);
        Robot robot = validRobot(new Robot(), request);
        robot.setCreatedAt(EngineTime.now());
        mapper.insertRobot(robot);
        return mapper.findRobot(robot.getId());
    }

    @Transactional
    Robot changeRobot(long id, RobotRequest request) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTIFICATION_SETTINGS);
        Robot robot = existingRobot(id);
        String secret = robot.getSecret();
        validRobot(robot, request);
        if (request.secret() == null) {
            robot.setSecret(secret); // not shown by the API, so kept unless a new one is given
        }
        mapper.updateRobot(robot);
        return mapper.findRobot(id);
    }

    @Transactional
    void deleteRobot(long id) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTIFICATION_SETTINGS);
        existingRobot(id);
        mapper.deleteRobot(id);
    }

    GroupSettings groupSettings(String groupId) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTIFICATION_SETTINGS);
        String name = mapper.groupName(groupId);
        if (name == null) {
            throw new NotFoundException("组 " + groupId + " 不存在");
        }
        NotificationMapper.GroupSetting setting = mapper.groupSetting(groupId);
        return new GroupSettings(groupId, name,
                setting == null ? NotificationService.AT_ONCE : setting.taskCreated(),
                setting == null ? DEFAULT_DIGEST_MINUTES : setting.digestMinutes(), mapper.robots(groupId));
    }

    /** At once or a digest per period, for the group's new tasks by mail and robot (the inbox has each at once). */
    @Transactional
    GroupSettings changeGroup(String groupId, GroupSettingsChange change) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTIFICATION_SETTINGS);
        if (mapper.groupName(groupId) == null) {
            throw new NotFoundException("组 " + groupId + " 不存在");
        }
        List<FieldError> errors = new ArrayList<>();
        String mode = change == null ? null : change.taskCreated();
        if (!NotificationService.AT_ONCE.equals(mode) && !NotificationService.DIGEST.equals(mode)) {
            errors.add(new FieldError("taskCreated", "须为 AT_ONCE（即时）或 DIGEST（按周期汇总）"));
        }
        Integer minutes = change == null ? null : change.digestMinutes();
        if (minutes != null && (minutes < 1 || minutes > 1440)) {
            errors.add(new FieldError("digestMinutes", "汇总周期须为 1 至 1440 分钟"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("组通知设置无效", errors);
        }
        mapper.deleteGroupSetting(groupId);
        mapper.insertGroupSetting(new NotificationMapper.GroupSetting(groupId, mode,
                minutes == null ? DEFAULT_DIGEST_MINUTES : minutes));
        return groupSettings(groupId);
    }

    Page<Delivery> deliveries(String status, PageRequest page) {
        permissions.require(PlatformPermission.READ, PlatformResource.NOTIFICATION_SETTINGS);
        if (status != null && !List.of(Delivery.PENDING, Delivery.SENT, Delivery.FAILED).contains(status)) {
            throw new InvalidInputException("查询参数无效", List.of(new FieldError("status", "须为 PENDING、SENT 或 FAILED")));
        }
        return page.of(mapper.deliveries(status, page.size(), page.offset()), mapper.countDeliveries(status));
    }

    /** A failed delivery goes back to the outbox, attempts from zero; the receiver can drop a copy by the id. */
    @Transactional
    Delivery resend(long id) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.NOTIFICATION_SETTINGS);
        Delivery delivery = mapper.findDelivery(id);
        if (delivery == null) {
            throw new NotFoundException("投递记录 " + id + " 不存在");
        }
        if (mapper.resend(id, LocalDateTime.now()) == 0) {
            throw new ConflictException("投递记录 " + id + " 当前状态为「" + delivery.getStatus() + "」，仅 FAILED 可以重发");
        }
        return mapper.findDelivery(id);
    }

    private Robot validRobot(Robot robot, RobotRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw new InvalidInputException("机器人设置无效", List.of(new FieldError("body", "须为 JSON 对象")));
        }
        if (request.groupId() == null || mapper.groupName(request.groupId()) == null) {
            errors.add(new FieldError("groupId", "组「" + request.groupId() + "」不存在"));
        }
        RobotKind kind = oneOf(request.kind(), RobotKind.values());
        if (kind == null) {
            errors.add(new FieldError("kind", "类型须为 " + names(RobotKind.values())));
        }
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100) {
            errors.add(new FieldError("name", "名称必填，最多 100 字"));
        }
        if (request.url() == null || !request.url().matches("https?://\\S+") || request.url().length() > 1000) {
            errors.add(new FieldError("url", "须为 http:// 或 https:// 开头的地址"));
        }
        if (request.secret() != null && request.secret().length() > 200) {
            errors.add(new FieldError("secret", "最多 200 字"));
        }
        List<String> events = request.events() == null ? List.of() : request.events();
        for (int i = 0; i < events.size(); i++) {
            if (oneOf(events.get(i), NotificationEvent.values()) == null) {
                errors.add(new FieldError("events[" + i + "]", "通知事件须为 " + names(NotificationEvent.values())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("机器人设置无效", errors);
        }
        robot.setGroupId(request.groupId());
        robot.setKind(kind.name());
        robot.setName(request.name().strip());
        robot.setUrl(request.url());
        robot.setSecret(request.secret() == null || request.secret().isEmpty() ? null : request.secret());
        robot.setEvents(events.isEmpty() ? null : String.join(",", events));
        robot.setEnabled(request.enabled() == null || request.enabled());
        return robot;
    }

    private Robot existingRobot(long id) {
        Robot robot = mapper.findRobot(id);
        if (robot == null) {
            throw new NotFoundException("机器人 " + id + " 不存在");
        }
        return robot;
    }

    /** Own settings need nothing; another user's need the permission on NotificationSettings. */
    private String othersOrOwn(String userId, PlatformPermission permission) {
        if (!userId.equals(currentUser())) {
            permissions.require(permission, PlatformResource.NOTIFICATION_SETTINGS);
        }
        return userId;
    }

    private String currentUser() {
        return Objects.requireNonNull(permissions.currentUser(), "authenticated user");
    }

    private static <E extends Enum<E>> E oneOf(String value, E[] values) {
        return Arrays.stream(values).filter(v -> v.name().equals(value)).findFirst().orElse(null);
    }

    private static String names(Enum<?>[] values) {
        return String.join("、", Arrays.stream(values).map(Enum::name).toList());
    }

    record Setting(String event, String eventName, String channel, String channelName, boolean enabled) {
    }

    record UserSettings(String userId, String email, boolean mailConfigured, List<Setting> settings) {
    }

    record SettingChange(String event, String channel, Boolean enabled) {
    }

    record SettingsChange(List<SettingChange> settings) {
    }

    record GroupSettings(String groupId, String groupName, String taskCreated, int digestMinutes, List<Robot> robots) {
    }

    record GroupSettingsChange(String taskCreated, Integer digestMinutes) {
    }

    record RobotRequest(String groupId, String kind, String name, String url, String secret, List<String> events,
                        Boolean enabled) {
    }

}
