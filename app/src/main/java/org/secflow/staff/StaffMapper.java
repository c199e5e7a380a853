package org.secflow.staff;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface StaffMapper {

    /** The new row's id comes back in {@code key} (a record cannot take it). */
    void insertQualification(@Param("q") Qualification qualification, @Param("key") GeneratedKey key);

    /** Holds the id the database gave an inserted row. */
    final class GeneratedKey {
        private Long id;

        public Long getId() {
            return id;
        }

        public void setId(Long id) {
            this.id = id;
        }
    }

    Qualification findQualification(@Param("id") long id);

    List<Qualification> qualificationsOf(@Param("userId") String userId);

    List<Qualification> allQualifications();

    void deleteQualification(@Param("id") long id);

    void insertShift(DutyShift shift);

    List<DutyShift> shiftsOf(@Param("userId") String userId, @Param("from") LocalDateTime from);

    List<DutyShift> shiftsAt(@Param("at") LocalDateTime at);

    List<DutyShift> shiftsOfProcess(@Param("processInstanceId") String processInstanceId);

    /** Qualifications that end in [from, to]: the reminders a restored database may have lost are scheduled again. */
    List<Qualification> expiringBetween(@Param("from") LocalDate from, @Param("to") LocalDate to);
}
