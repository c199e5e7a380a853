package org.secflow.servicedesk;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface NoticeMapper {

    void insert(Notice notice);

    void setNumber(@Param("id") long id, @Param("noticeNo") String noticeNo);

    void insertRecipient(@Param("noticeId") long noticeId, @Param("type") String type, @Param("recipientId") String recipientId);

    List<Notice.Recipient> findRecipients(@Param("noticeId") long noticeId);

    /** Draft → published with its 报送时间; 0 when it was not a draft any more. */
    int publish(@Param("id") long id, @Param("submittedAt") LocalDateTime submittedAt);

    Notice findById(@Param("id") long id);

    List<Notice> find(@Param("status") String status, @Param("size") int size, @Param("offset") long offset);

    long count(@Param("status") String status);

    void insertMessage(@Param("noticeId") long noticeId, @Param("userId") String userId,
                       @Param("deliveredAt") LocalDateTime deliveredAt);

    /** The user's messages, unread first, then newest first. */
    List<NoticeMessage> inbox(@Param("userId") String userId, @Param("size") int size, @Param("offset") long offset);

    long countInbox(@Param("userId") String userId);

    NoticeMessage findMessage(@Param("noticeId") long noticeId, @Param("userId") String userId);

    /** Sets the read time only the first time: a second receipt keeps the first. */
    void markRead(@Param("noticeId") long noticeId, @Param("userId") String userId, @Param("readAt") LocalDateTime readAt);

    List<NoticeMessage> findMessages(@Param("noticeId") long noticeId);
}
