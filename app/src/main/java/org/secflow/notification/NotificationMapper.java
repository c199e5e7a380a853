package org.secflow.notification;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface NotificationMapper {

    void insertNotification(Notification notification);

    void insertDelivery(Delivery delivery);

    Notification findNotification(@Param("id") long id);

    List<Notification> inbox(@Param("userId") String userId, @Param("size") int size, @Param("offset") long offset);

    long countInbox(@Param("userId") String userId);

    int markRead(@Param("id") long id, @Param("userId") String userId, @Param("readAt") LocalDateTime readAt);

    /**
     * The members of the groups (with the group) and the named users (group null), with their mail address and their
     * choices for the event: one row per person, group and stored choice. Not both collections empty.
     */
    List<Recipient> recipients(@Param("groups") Collection<String> groups, @Param("users") Collection<String> users,
                               @Param("event") String event);

    Member user(@Param("userId") String userId);

    /** The groups a notice goes to, each with its name, its digest choice and its robots: one read per notice. */
    List<NoticeGroup> noticeGroups(@Param("groups") Collection<String> groups);

    String groupName(@Param("groupId") String groupId);

    List<Setting> settings(@Param("userId") String userId);

    void deleteSetting(@Param("userId") String userId, @Param("event") String event, @Param("channel") String channel);

    void insertSetting(@Param("userId") String userId, @Param("event") String event, @Param("channel") String channel,
                       @Param("enabled") boolean enabled);

    List<Robot> robots(@Param("groupId") String groupId);

    Robot findRobot(@Param("id") long id);

    void insertRobot(Robot robot);

    void updateRobot(Robot robot);

    int deleteRobot(@Param("id") long id);

    // the outbox: claims are single atomic UPDATEs, so that one node of a cluster wins each delivery

    /** Ids of deliveries of the channel that are due and not claimed, or whose claim ran out (a node died). */
    List<Long> dueDeliveries(@Param("channel") String channel, @Param("now") LocalDateTime now, @Param("limit") int limit);

    int claim(@Param("id") long id, @Param("node") String node, @Param("now") LocalDateTime now,
              @Param("until") LocalDateTime until);

    Delivery findDelivery(@Param("id") long id);

    int markSent(@Param("id") long id, @Param("node") String node, @Param("sentAt") LocalDateTime sentAt);

    int markFailedAttempt(@Param("id") long id, @Param("node") String node, @Param("status") String status,
                          @Param("error") String error, @Param("nextAttemptAt") LocalDateTime nextAttemptAt);

    List<Delivery> deliveries(@Param("status") String status, @Param("size") int size, @Param("offset") long offset);

    long countDeliveries(@Param("status") String status);

    int resend(@Param("id") long id, @Param("now") LocalDateTime now);

    // groups' digests of new tasks

    GroupSetting groupSetting(@Param("groupId") String groupId);

    List<GroupSetting> groupSettings();

    void deleteGroupSetting(@Param("groupId") String groupId);

    void insertGroupSetting(GroupSetting setting);

    /** The recipients (channel, target, robot) with a digest whose period has ended. */
    List<DigestKey> dueDigests(@Param("channel") String channel, @Param("now") LocalDateTime now);

    /** Takes all waiting deliveries of one recipient for one digest (marked with the batch); 0 when another node did. */
    int takeDigest(@Param("key") DigestKey key, @Param("batch") String batch);

    List<Notification> digestNotifications(@Param("batch") String batch);

    int markBundled(@Param("batch") String batch, @Param("bundle") long bundle);

    record GroupSetting(String groupId, String taskCreated, int digestMinutes) {
    }

    record DigestKey(String channel, String target, Long robotId) {
    }

    record Member(String id, String email) {
    }

    record Setting(String event, String channel, boolean enabled) {
    }

    record Recipient(String userId, String email, String groupId, String channel, Boolean enabled) {
    }

    /** A group as a notice needs it (a class, not a record: MyBatis fills its robots as a nested collection). */
    final class NoticeGroup {
        private String id;
        private String name;
        private GroupSetting setting;
        private List<Robot> robots = new ArrayList<>();

        String id() {
            return id;
        }

        /** Its name as people read it (管理类 …), its id when it has none. */
        String displayName() {
            return name == null || name.isBlank() ? id : name;
        }

        /** The group's choice for new tasks, null when it chose none. */
        GroupSetting setting() {
            return setting;
        }

        List<Robot> robots() {
            return robots;
        }

        public void setId(String id) { this.id = id; }
        public void setName(String name) { this.name = name; }
        public void setSetting(GroupSetting setting) { this.setting = setting; }
        public void setRobots(List<Robot> robots) { this.robots = robots; }
    }
}
