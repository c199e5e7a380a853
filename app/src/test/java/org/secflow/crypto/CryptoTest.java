package org.secflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SM3/HMAC-SM3, SM4-GCM, the key file and its rotation, and the masks. */
class CryptoTest {

    @TempDir Path dir;

    @Test
    void sm3MatchesTheStandardsExampleAndHmacNeedsTheKey() {
        // GB/T 32905—2016 Appendix A.1: SM3("abc")
        assertThat(Sm3.digestHex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        byte[] key = new byte[32];
        String mac = Sm3.hmacHex(key, "abc");
        assertThat(mac).hasSize(64).isNotEqualTo(Sm3.digestHex("abc".getBytes(StandardCharsets.US_ASCII)));
        key[0] = 1;
        assertThat(Sm3.hmacHex(key, "abc")).isNotEqualTo(mac);
    }

    @Test
    void sm4GcmIsRandomisedDetectsTamperingAndOldKeysStillDecryptAfterRotation() throws Exception {
        Path file = dir.resolve("keys.properties");
        KeyRing.generate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyRing before = KeyRing.load(file);
        FieldCipher cipher = new FieldCipher(before);
        String stored = cipher.encrypt("13812348000");
        assertThat(stored).startsWith("SM4:" + before.currentSm4KeyId() + ":").doesNotContain("13812348000");
        assertThat(cipher.encrypt("13812348000")).as("random IV").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored)).isEqualTo("13812348000");
        assertThat(cipher.decrypt("clear from before")).isEqualTo("clear from before");

        byte[] raw = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
        raw[raw.length / 2] ^= 1;
        String tampered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt(tampered)).hasMessageContaining("SM4-GCM");

        // rotation: a new current key; the old id stays in the file and keeps decrypting
        Properties properties = new Properties();
        try (var in = Files.newInputStream(file)) {
            properties.load(in);
        }
        properties.setProperty("data.sm4.d2", KeyRing.randomKey(16));
        properties.setProperty("data.sm4.current", "d2");
        properties.setProperty("audit.hmac.a2", KeyRing.randomKey(32));
        properties.setProperty("audit.hmac.current", "a2");
        KeyRing after = KeyRing.fromProperties(properties, "rotated");
        FieldCipher rotated = new FieldCipher(after);
        assertThat(rotated.decrypt(stored)).isEqualTo("13812348000");
        assertThat(rotated.encrypt("x")).startsWith("SM4:d2:");
        assertThat(after.hmacKey(before.currentHmacKeyId())).isEqualTo(before.hmacKey(before.currentHmacKeyId()));
        assertThat(after.toString()).doesNotContain(properties.getProperty("data.sm4.d2"));

        properties.remove("data.sm4." + before.currentSm4KeyId());
        assertThatThrownBy(() -> new FieldCipher(KeyRing.fromProperties(properties, "lost")).decrypt(stored))
                .hasMessageContaining("does not hold");
    }

    @Test
    void keyToolRotationKeepsOldKeysAndMakesNewOnesCurrent() throws Exception {
        Path file = dir.resolve("rotate.properties");
        KeyRing.generate(file);
        KeyRing before = KeyRing.load(file);
        String stored = new FieldCipher(before).encrypt("020-83331234");
        KeyTool.rotate(file);
        KeyRing after = KeyRing.load(file);
        assertThat(after.currentSm4KeyId()).isNotEqualTo(before.currentSm4KeyId());
        assertThat(after.currentHmacKeyId()).isNotEqualTo(before.currentHmacKeyId());
        assertThat(after.hmacKey(before.currentHmacKeyId())).isEqualTo(before.hmacKey(before.currentHmacKeyId()));
        assertThat(new FieldCipher(after).decrypt(stored)).isEqualTo("020-83331234");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileWithoutKeysOrWithShortKeysIsRefused() {
        Properties properties = new Properties();
        properties.setProperty("audit.hmac.current", "a1");
        properties.setProperty("audit.hmac.a1", Base64.getEncoder().encodeToString(new byte[8]));
        assertThatThrownBy(() -> KeyRing.fromProperties(properties, "short")).hasMessageContaining("at least 32");
        assertThatThrownBy(() -> KeyRing.load(dir.resolve("missing"))).hasMessageContaining("cannot be read");
    }

    @Test
    void personalDataIsMasked() {
        assertThat(PersonalData.maskContact("13800138000")).isEqualTo("138****8000");
        assertThat(PersonalData.maskContact("zhang.san@example.com")).isEqualTo("z***@example.com");
        assertThat(PersonalData.maskContact("手机 13812348000，邮箱 li@gz.gov.cn")).isEqualTo("手机 138****8000，邮箱 l***@gz.gov.cn");
        assertThat(PersonalData.maskContact("020-83331234")).isEqualTo("020-****1234");
        assertThat(PersonalData.maskContact("QQ 12345")).isEqualTo("Q******5");
        assertThat(PersonalData.maskText("身份证 44010619900101123X")).isEqualTo("身份证 440***********123X");
        assertThat(PersonalData.maskName("张三丰")).isEqualTo("张**");
        assertThat(PersonalData.maskName("欧")).isEqualTo("欧*");
        assertThat(PersonalData.maskText(null)).isNull();
    }
}
