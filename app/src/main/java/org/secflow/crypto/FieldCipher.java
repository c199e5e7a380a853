package org.secflow.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907—2016) in GCM mode with a random 96-bit IV per value, for personal data at rest. A
 * stored value reads {@code SM4:<key id>:<Base64 of IV, ciphertext and tag>}; the key id is associated
 * data, so a changed id fails the tag check.
 */
public final class FieldCipher {

    static final String PREFIX = "SM4:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile FieldCipher current;

    private final KeyRing keys;

    public FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    /** The cipher of the running application, for MyBatis type handlers (which MyBatis creates itself). */
    public static FieldCipher current() {
        FieldCipher cipher = current;
        if (cipher == null) {
            throw new IllegalStateException("no keys loaded (secflow.crypto.key-file)");
        }
        return cipher;
    }

    static void install(FieldCipher cipher) {
        current = cipher;
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        String keyId = keys.currentSm4KeyId();
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] input = plain.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(true, new AEADParameters(new KeyParameter(keys.sm4Key(keyId)), 128, iv, aad(keyId)));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int n = gcm.processBytes(input, 0, input.length, out, 0);
        try {
            gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(iv.length + out.length).put(iv).put(out).array());
    }

    /** Decrypts a stored value; a value stored before encryption was switched on (no prefix) is returned as is. */
    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        if (colon < 0) {
            throw new IllegalStateException("malformed encrypted value");
        }
        String keyId = stored.substring(PREFIX.length(), colon);
        byte[] key = keys.sm4Key(keyId);
        if (key == null) {
            throw new IllegalStateException("value encrypted with key " + keyId
                    + ", which the key file does not hold");
        }
        byte[] data = Base64.getDecoder().decode(stored.substring(colon + 1));
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(false, new AEADParameters(new KeyParameter(key), 128, java.util.Arrays.copyOf(data, 12), aad(keyId)));
        byte[] out = new byte[gcm.getOutputSize(data.length - 12)];
        int n = gcm.processBytes(data, 12, data.length - 12, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("value fails its SM4-GCM check (altered or wrong key)");
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static byte[] aad(String keyId) {
        return ("secflow|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
