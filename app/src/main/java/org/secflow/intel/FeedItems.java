package org.secflow.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the feed readers share: making items, reading times, levels and texts, each refusal naming its place. */
final class FeedItems {

    static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");
    static final Pattern CNVD = Pattern.compile("CNVD-\\d{4}-\\d{4,}");
    static final Pattern CNNVD = Pattern.compile("CNNVD-\\d{6}-\\d{3,}");

    private FeedItems() {
    }

    static IntelItem indicator(String format, String externalId, String name, String type, String value) {
        IntelItem item = new IntelItem();
        item.setKind(IntelItem.INDICATOR);
        item.setFormat(format);
        item.setExternalId(clip(externalId, 200));
        item.setName(clip(name, 500));
        item.setIndicatorType(type);
        item.setIndicatorValue(value);
        item.setIndicatorHash(Observables.key(value));
        item.setItemKey(Observables.sha256(format + "|" + externalId + "|" + type + "|" + value));
        return item;
    }

    static IntelItem vulnerability(String format, String externalId, String name) {
        IntelItem item = new IntelItem();
        item.setKind(IntelItem.VULNERABILITY);
        item.setFormat(format);
        item.setExternalId(clip(externalId, 200));
        item.setName(clip(name == null || name.isBlank() ? externalId : name, 500));
        item.setItemKey(Observables.sha256(format + "|" + externalId));
        if (externalId != null) {
            String id = externalId.strip().toUpperCase(Locale.ROOT);
            if (CVE.matcher(id).matches()) {
                item.setCveId(id);
            } else if (CNVD.matcher(id).matches()) {
                item.setCnvdId(id);
            } else if (CNNVD.matcher(id).matches()) {
                item.setCnnvdId(id);
            }
        }
        return item;
    }

    /** A feed's time: with offset or zone (STIX, ISO), without (NVD, in UTC) or a date alone (KEV, CSV). */
    static LocalDateTime time(String text, String where) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Instant instant;
        try {
            instant = OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                instant = LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    instant = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new IntelRejected(where + "：时间「" + clip(t, 40) + "」格式不正确");
                }
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
        if (local.getYear() < 1970 || local.getYear() > 9999) {
            throw new IntelRejected(where + "：时间「" + clip(t, 40) + "」超出范围");
        }
        return local.withNano(0);
    }

    /** A level as the feeds write it (CVSS severities, Chinese levels) in GB/T 30279 terms; null when none. */
    static String level(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "超危", "严重" -> "超危";
            case "high", "高危", "高" -> "高危";
            case "medium", "moderate", "中危", "中" -> "中危";
            case "low", "低危", "低" -> "低危";
            default -> null;
        };
    }

    static String more(String a, String b) {
        List<String> order = List.of("低危", "中危", "高危", "超危");
        if (a == null) {
            return b;
        }
        return b == null || order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** Text from a file as stored: stripped, cut to the column's length, control characters (but line breaks) out. */
    static String clip(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String clean = text.strip().replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
