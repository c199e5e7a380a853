package org.secflow.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.camunda.bpm.engine.impl.digest.PasswordEncryptor;

/**
 * A slow salted password hash for Camunda's users: PBKDF2 (RFC 8018) with HMAC-SM3, a random 128-bit salt
 * of its own (besides Camunda's salt, which comes with the password) and a configurable iteration count.
 * Stored as {@code {PBKDF2-SM3}<iterations>$<salt>$<hash>}, so the count can be raised later and old hashes
 * keep checking.
 *
 * <p>Every HTTP Basic call to {@code /engine-rest} and {@code /api} checks the password again, so a
 * successful check is remembered in memory for a few minutes, under an HMAC of the password with a key
 * made at start-up (never the password itself, never on disk). A wrong password is always checked the
 * slow way; a changed password has a new stored hash and so misses the memory.
 */
public class Pbkdf2Sm3PasswordEncryptor implements PasswordEncryptor {

    static final String NAME = "PBKDF2-SM3";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final long REMEMBER_MILLIS = 5 * 60 * 1000;
    private static final int REMEMBER_MAX = 10_000;

    private final int iterations;
    private final byte[] memoryKey = new byte[32];
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public Pbkdf2Sm3PasswordEncryptor(int iterations) {
        RANDOM.nextBytes(memoryKey);
        if (iterations < 1000) {
            throw new IllegalArgumentException("at least 1000 PBKDF2 iterations");
        }
        this.iterations = iterations;
    }

    @Override
    public String encrypt(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, iterations));
    }

    @Override
    public boolean check(String password, String encrypted) {
        if (password == null || encrypted == null) {
            return false;
        }
        String remembered = encrypted + "|" + Sm3.hmacHex(memoryKey, password);
        long now = System.currentTimeMillis();
        Long until = verified.get(remembered);
        if (until != null && until > now) {
            return true;
        }
        boolean valid = slowCheck(password, encrypted);
        if (valid) {
            if (verified.size() >= REMEMBER_MAX) {
                verified.clear();
            }
            verified.put(remembered, now + REMEMBER_MILLIS);
        } else if (until != null) {
            verified.remove(remembered);
        }
        return valid;
    }

    private boolean slowCheck(String password, String encrypted) {
        String[] parts = encrypted.split("\\$");
        if (parts.length != 3) {
            return false;
        }
        try {
            int rounds = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            return rounds >= 1000 && MessageDigest.isEqual(derive(password, salt, rounds), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String hashAlgorithmName() {
        return NAME;
    }

    private static byte[] derive(String password, byte[] salt, int rounds) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SM3Digest());
        generator.init(password.getBytes(StandardCharsets.UTF_8), salt, rounds);
        return ((KeyParameter) generator.generateDerivedParameters(256)).getKey();
    }
}
