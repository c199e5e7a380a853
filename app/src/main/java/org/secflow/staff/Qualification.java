package org.secflow.staff;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A qualification a person holds (资质: certificate or licence), valid until a day. {@code covers} names the kinds
 * of work it qualifies for (e.g. 渗透测试), matched against the {@code qualification} property of a model's task.
 */
public record Qualification(Long id, String userId, String name, String certNumber, String issuer, LocalDate validUntil,
                            String covers, String recordedBy, LocalDateTime recordedAt) {

    /** Valid on the day and for the kind of work: the work named in its name or in what it covers. */
    boolean qualifiesFor(String work, LocalDate day) {
        return !validUntil.isBefore(day) && (name.contains(work) || (covers != null && covers.contains(work)));
    }
}
