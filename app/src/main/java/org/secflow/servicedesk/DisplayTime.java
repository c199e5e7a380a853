package org.secflow.servicedesk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.secflow.process.EngineTime;

/**
 * Writes a stored time (engine clock, JVM zone) as Guangzhou time with its offset, e.g.
 * {@code 2026-11-30T10:00:00+08:00}: put {@code @JsonSerialize(using = DisplayTime.class)} on the getter.
 */
public class DisplayTime extends JsonSerializer<LocalDateTime> {

    /** Always with seconds (OffsetDateTime.toString drops them when zero). */
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Override
    public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(EngineTime.forDisplay(value).format(FORMAT));
    }
}
