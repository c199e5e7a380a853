package org.secflow.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the key file ({@code secflow.crypto.key-file}, environment {@code SECFLOW_KEY_FILE}) before
 * anything reads or writes the database. The default profile generates a demo key file under ./data
 * when there is none; the {@code mysql} profile refuses to start without one.
 */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    KeyRing keyRing(@Value("${secflow.crypto.key-file:}") String keyFile,
                    @Value("${secflow.crypto.generate-if-missing:false}") boolean generate) {
        if (keyFile == null || keyFile.isBlank()) {
            throw new IllegalStateException("secflow.crypto.key-file (SECFLOW_KEY_FILE) is not set: the HMAC-SM3 and SM4 "
                    + "keys must be given in a key file outside the database (see README, Keys)");
        }
        Path file = Path.of(keyFile);
        if (!Files.exists(file)) {
            if (!generate) {
                throw new IllegalStateException("key file " + file.toAbsolutePath() + " does not exist (see README, Keys)");
            }
            KeyRing.generate(file);
            log.warn("generated new keys in {}: demo set-up only, back this file up with the database", file.toAbsolutePath());
        }
        KeyRing keys = KeyRing.load(file);
        log.info("keys loaded from {}: {}", file.toAbsolutePath(), keys);
        return keys;
    }

    @Bean
    FieldCipher fieldCipher(KeyRing keys) {
        FieldCipher cipher = new FieldCipher(keys);
        FieldCipher.install(cipher);
        return cipher;
    }
}
