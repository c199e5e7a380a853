package org.secflow.report;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.secflow.process.EngineTime;

/** Formats times for documents, in Guangzhou's time zone: {@code ${times.format(x)}} in a template. */
public class DisplayTimes {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public String format(Object time) {
        if (time instanceof LocalDateTime local) {
            return EngineTime.forDisplay(local).format(FORMAT);
        }
        if (time instanceof Date date) {
            return EngineTime.forDisplay(EngineTime.toLocal(date)).format(FORMAT);
        }
        if (time instanceof OffsetDateTime offset) {
            return offset.atZoneSameInstant(EngineTime.DISPLAY_ZONE).format(FORMAT);
        }
        return time == null ? "" : time.toString();
    }
}
