package org.secflow.process;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Time as the engine sees it. Our records use the engine's clock so that they agree with its
 * history and with timers, also when a test moves the clock. Stored like Camunda's own
 * timestamps: local time of the JVM's zone.
 */
public final class EngineTime {

    private EngineTime() {
    }

    /** Now, to the second: the precision MySQL's DATETIME keeps, so that records and timers agree. */
    public static LocalDateTime now() {
        return toLocal(ClockUtil.getCurrentTime()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Where the provider works: times shown to people and in API answers are in this zone. */
    public static final ZoneId DISPLAY_ZONE = ZoneId.of("Asia/Shanghai");

    public static Date toDate(LocalDateTime time) {
        return time == null ? null : Date.from(time.atZone(ZoneId.systemDefault()).toInstant());
    }

    public static OffsetDateTime forDisplay(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).withZoneSameInstant(DISPLAY_ZONE).toOffsetDateTime();
    }

    /**
     * A date-time entered in a form: a Date, or text as form-js writes it (with or without offset,
     * or a date alone); null when it cannot be read.
     */
    public static LocalDateTime parse(Object value) {
        if (value instanceof Date date) {
            return toLocal(date);
        }
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        String text = value.toString().strip();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay();
                } catch (DateTimeParseException notADate) {
                    return null;
                }
            }
        }
    }

    public static LocalDateTime toLocal(Date date) {
        return date == null ? null : LocalDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault());
    }
}
