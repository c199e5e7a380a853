package org.secflow.alert;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AlertMapper {

    void insertAlert(Alert alert);

    void insertGroup(AlertGroup group);

    /** The newest open group of the key whose last alert came at or after {@code since}. */
    AlertGroup findOpenGroup(@Param("source") String source, @Param("alertType") String alertType,
                             @Param("asset") String asset, @Param("since") LocalDateTime since);

    void addToGroup(@Param("id") long id, @Param("severity") String severity, @Param("seenAt") LocalDateTime seenAt);

    /** Closes an open group with the triage outcome; 0 when it was no longer open. */
    int triage(@Param("id") long id, @Param("outcome") String outcome, @Param("note") String note,
               @Param("triagedBy") String triagedBy, @Param("triagedAt") LocalDateTime triagedAt);

    void linkIncident(@Param("id") long id, @Param("incidentId") long incidentId,
                      @Param("processInstanceId") String processInstanceId);

    AlertGroup findGroup(@Param("id") long id);

    List<AlertGroup> findGroups(@Param("status") String status, @Param("size") int size, @Param("offset") long offset);

    long countGroups(@Param("status") String status);

    Alert findAlert(@Param("id") long id);

    List<Alert> findAlerts(@Param("groupId") Long groupId, @Param("size") int size, @Param("offset") long offset);

    long countAlerts(@Param("groupId") Long groupId);
}
