package org.secflow.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The platform's keys, kept outside the database in a key file (Java properties, readable by the
 * service account only):
 *
 * <pre>
 * audit.hmac.current=a20261202          # key id that seals new audit entries and signs exports
 * audit.hmac.a20261202=&lt;base64, 32 bytes&gt; # HMAC-SM3 keys by id; old ids stay to verify old entries
 * data.sm4.current=d20261202            # key id that encrypts new personal data
 * data.sm4.d20261202=&lt;base64, 16 bytes&gt;   # SM4 keys by id; old ids stay to decrypt old values
 * </pre>
 *
 * Rotation adds a new id and points {@code current} at it; every key ever used stays in the file.
 */
public final class KeyRing {

    static final String AUDIT = "audit.hmac.";
    static final String DATA = "data.sm4.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> hmacKeys;
    private final String currentHmacKey;
    private final Map<String, byte[]> sm4Keys;
    private final String currentSm4Key;

    private KeyRing(Map<String, byte[]> hmacKeys, String currentHmacKey, Map<String, byte[]> sm4Keys, String currentSm4Key) {
        this.hmacKeys = Collections.unmodifiableMap(hmacKeys);
        this.currentHmacKey = currentHmacKey;
        this.sm4Keys = Collections.unmodifiableMap(sm4Keys);
        this.currentSm4Key = currentSm4Key;
    }

    /** Reads a key file; a missing or incomplete file is refused with what is missing (never with a key). */
    public static KeyRing load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("key file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage(), e);
        }
        return fromProperties(properties, file.toAbsolutePath().toString());
    }

    static KeyRing fromProperties(Properties properties, String source) {
        Map<String, byte[]> hmac = keys(properties, AUDIT, 32, source);
        Map<String, byte[]> sm4 = keys(properties, DATA, 16, source);
        String currentHmac = current(properties, AUDIT, hmac, source);
        String currentSm4 = current(properties, DATA, sm4, source);
        return new KeyRing(hmac, currentHmac, sm4, currentSm4);
    }

    private static Map<String, byte[]> keys(Properties properties, String prefix, int minBytes, String source) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix) && !name.equals(prefix + "current")) {
                String id = name.substring(prefix.length());
                if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                    throw new IllegalStateException("key file " + source + ": bad key id " + name);
                }
                byte[] key;
                try {
                    key = Base64.getDecoder().decode(properties.getProperty(name).trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("key file " + source + ": " + name + " is not Base64");
                }
                if (key.length < minBytes) {
                    throw new IllegalStateException("key file " + source + ": " + name + " has " + key.length
                            + " bytes, at least " + minBytes + " required");
                }
                keys.put(id, key);
            }
        }
        return keys;
    }

    private static String current(Properties properties, String prefix, Map<String, byte[]> keys, String source) {
        String current = properties.getProperty(prefix + "current");
        if (current == null || !keys.containsKey(current.trim())) {
            throw new IllegalStateException("key file " + source + ": " + prefix + "current must name one of its "
                    + prefix + "<id> keys");
        }
        return current.trim();
    }

    /** Writes a new key file with one fresh key of each kind (owner read/write only where the file system allows). */
    public static void generate(Path file) {
        String suffix = LocalDate.now().toString().replace("-", "");
        Properties properties = new Properties();
        properties.setProperty(AUDIT + "current", "a" + suffix);
        properties.setProperty(AUDIT + "a" + suffix, randomKey(32));
        properties.setProperty(DATA + "current", "d" + suffix);
        properties.setProperty(DATA + "d" + suffix, randomKey(16));
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                properties.store(out, "SecFlow keys (HMAC-SM3 audit, SM4 personal data). Keep outside the database, back up "
                        + "separately; rotation: add a new id and point current at it, never remove an old id.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("key file " + file.toAbsolutePath() + " cannot be written: " + e.getMessage(), e);
        }
    }

    static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public String currentHmacKeyId() {
        return currentHmacKey;
    }

    /** The HMAC-SM3 key of this id, or null when the key file does not hold it. */
    public byte[] hmacKey(String id) {
        return id == null ? null : hmacKeys.get(id);
    }

    public String currentSm4KeyId() {
        return currentSm4Key;
    }

    public byte[] sm4Key(String id) {
        return id == null ? null : sm4Keys.get(id);
    }

    @Override
    public String toString() {
        // never the keys themselves
        return "KeyRing[hmac=" + hmacKeys.keySet() + " current " + currentHmacKey + ", sm4=" + sm4Keys.keySet()
                + " current " + currentSm4Key + "]";
    }
}
