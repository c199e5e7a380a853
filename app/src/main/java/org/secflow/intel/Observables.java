package org.secflow.intel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Indicator values (ip, domain, url, hash) in one normal form, and the values of those kinds an alert's text
 * names: both sides are compared by the SHA-256 of the normal form, so that a lookup is one indexed query.
 */
final class Observables {

    static final String IP = "ip";
    static final String DOMAIN = "domain";
    static final String URL = "url";
    static final String HASH = "hash";

    /** An alert names at most this many values: more are not looked up. */
    static final int MAX_PER_ALERT = 200;

    private static final Pattern URLS = Pattern.compile("(?i)\\bhttps?://[^\\s\"'<>|]+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.])");
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![0-9a-f:])(?=[0-9a-f:]*:[0-9a-f:]*:)[0-9a-f:]{2,39}(?![0-9a-f:])");
    private static final Pattern DOMAINS = Pattern.compile(
            "(?i)(?<![a-z0-9.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9])(?![a-z0-9-])");
    private static final Pattern HASHES = Pattern.compile("(?i)(?<![0-9a-f])([0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])");

    private Observables() {
    }

    /** The value in normal form: hosts, domains and hashes in lower case, a URL's scheme and host too. */
    static String normalize(String type, String value) {
        String v = value.strip();
        return switch (type) {
            case URL -> {
                Matcher m = Pattern.compile("(?i)^(https?://)([^/?#]*)(.*)$").matcher(v);
                yield m.matches() ? m.group(1).toLowerCase(Locale.ROOT) + m.group(2).toLowerCase(Locale.ROOT) + m.group(3) : v;
            }
            case DOMAIN -> v.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            default -> v.toLowerCase(Locale.ROOT);
        };
    }

    /** Whether the value is one of its type (after {@link #normalize}); null when it is, else why not. */
    static String problem(String type, String value) {
        boolean ok = switch (type) {
            case IP -> IPV4.matcher(value).matches() || IPV6.matcher(value).matches();
            case DOMAIN -> value.length() <= 253 && DOMAINS.matcher(value).matches();
            case URL -> value.length() <= 2000 && URLS.matcher(value).matches();
            case HASH -> HASHES.matcher(value).matches();
            default -> false;
        };
        return ok ? null : "不是有效的" + label(type) + "：" + clip(value);
    }

    static String label(String type) {
        return switch (type) {
            case IP -> "IP 地址";
            case DOMAIN -> "域名";
            case URL -> "URL";
            case HASH -> "文件哈希";
            default -> type;
        };
    }

    /** The hashes of every value of the kinds we match that the texts name, in normal form (at most MAX_PER_ALERT). */
    static Set<String> lookupKeys(String... texts) {
        Set<String> keys = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            Matcher urls = URLS.matcher(text);
            while (urls.find()) {
                String url = urls.group().replaceAll("[.,;:)）。，；]+$", "");
                keys.add(key(normalize(URL, url)));
                keys.add(key(normalize(URL, url.replaceAll("/$", ""))));
            }
            for (Pattern pattern : new Pattern[] {IPV4, IPV6, DOMAINS, HASHES}) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    keys.add(key(m.group().toLowerCase(Locale.ROOT)));
                }
            }
        }
        return keys.stream().limit(MAX_PER_ALERT).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    static String key(String normalized) {
        return sha256(normalized);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clip(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
