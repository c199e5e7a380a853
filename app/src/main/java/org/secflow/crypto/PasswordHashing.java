package org.secflow.crypto;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Camunda hashes passwords with one salted SHA-512, which is fast and so cheap to guess offline. New and
 * changed passwords are hashed with {@link Pbkdf2Sm3PasswordEncryptor} instead; hashes already stored as
 * {@code {SHA-512}} still check (Camunda's password manager keeps its SHA-512 checker), until their user sets a
 * new password.
 */
@Component
class PasswordHashing extends AbstractProcessEnginePlugin {

    private final int iterations;

    PasswordHashing(@Value("${secflow.security.password-hash-iterations:10000}") int iterations) {
        this.iterations = iterations;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Camunda's PasswordManager keeps its own SHA and SHA-512 checkers beside the default encryptor
        configuration.setPasswordEncryptor(new Pbkdf2Sm3PasswordEncryptor(iterations));
    }
}
