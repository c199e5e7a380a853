package org.secflow.notification;

import java.net.URI;
import java.util.List;
import org.secflow.web.Page;
import org.secflow.web.PageRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's notifications, the settings and, for administrators, robots and failed deliveries. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationAdministration notifications;

    NotificationController(NotificationAdministration notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/inbox")
    Page<Notification> inbox(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return notifications.inbox(PageRequest.of(page, size));
    }

    @PostMapping("/{id}/read")
    Notification read(@PathVariable long id) {
        return notifications.read(id);
    }

    @GetMapping("/settings")
    NotificationAdministration.UserSettings settings() {
        return notifications.settings(null);
    }

    @PutMapping(path = "/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationAdministration.UserSettings change(@RequestBody NotificationAdministration.SettingsChange change) {
        return notifications.change(null, change);
    }

    @GetMapping("/settings/users/{userId}")
    NotificationAdministration.UserSettings settingsOf(@PathVariable String userId) {
        return notifications.settings(userId);
    }

    @PutMapping(path = "/settings/users/{userId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationAdministration.UserSettings changeOf(@PathVariable String userId,
                                                     @RequestBody NotificationAdministration.SettingsChange change) {
        return notifications.change(userId, change);
    }

    @GetMapping("/settings/robots")
    List<Robot> robots(@RequestParam(required = false) String groupId) {
        return notifications.robots(groupId);
    }

    @PostMapping(path = "/settings/robots", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Robot> addRobot(@RequestBody NotificationAdministration.RobotRequest request) {
        Robot robot = notifications.addRobot(request);
        return ResponseEntity.created(URI.create("/api/notifications/settings/robots/" + robot.getId())).body(robot);
    }

    @PutMapping(path = "/settings/robots/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Robot changeRobot(@PathVariable long id, @RequestBody NotificationAdministration.RobotRequest request) {
        return notifications.changeRobot(id, request);
    }

    @DeleteMapping("/settings/robots/{id}")
    ResponseEntity<Void> deleteRobot(@PathVariable long id) {
        notifications.deleteRobot(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/settings/groups/{groupId}")
    NotificationAdministration.GroupSettings groupSettings(@PathVariable String groupId) {
        return notifications.groupSettings(groupId);
    }

    @PutMapping(path = "/settings/groups/{groupId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    NotificationAdministration.GroupSettings changeGroup(@PathVariable String groupId,
                                                         @RequestBody NotificationAdministration.GroupSettingsChange change) {
        return notifications.changeGroup(groupId, change);
    }

    @GetMapping("/deliveries")
    Page<Delivery> deliveries(@RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return notifications.deliveries(status, PageRequest.of(page, size));
    }

    @PostMapping("/deliveries/{id}/resend")
    Delivery resend(@PathVariable long id) {
        return notifications.resend(id);
    }
}
