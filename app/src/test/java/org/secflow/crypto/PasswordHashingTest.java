package org.secflow.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.digest.Sha512HashDigest;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Passwords are stored with a slow salted hash (PBKDF2-HMAC-SM3); hashes from before still check. */
@IntegrationTest
class PasswordHashingTest {

    @Autowired IdentityService identity;
    @Autowired JdbcTemplate jdbc;

    @Test
    void newPasswordsArePbkdf2AndOldSha512HashesStillCheck() {
        User user = identity.newUser("hashtest" + System.nanoTime());
        user.setFirstName("测试");
        user.setLastName("");
        user.setPassword("Correct-Horse-9");
        identity.saveUser(user);
        String stored = jdbc.queryForObject("SELECT PWD_ FROM ACT_ID_USER WHERE ID_ = ?", String.class, user.getId());
        assertThat(stored).startsWith("{PBKDF2-SM3}10000$").doesNotContain("Correct-Horse-9");
        assertThat(identity.checkPassword(user.getId(), "Correct-Horse-9")).isTrue();
        assertThat(identity.checkPassword(user.getId(), "correct-horse-9")).isFalse();
        // Camunda delays the next attempt after a wrong password (login throttling): lift it for the next checks
        identity.unlockUser(user.getId());

        // a user whose hash was stored by plain Camunda (salted SHA-512) before the upgrade
        String salt = jdbc.queryForObject("SELECT SALT_ FROM ACT_ID_USER WHERE ID_ = ?", String.class, user.getId());
        jdbc.update("UPDATE ACT_ID_USER SET PWD_ = ? WHERE ID_ = ?",
                "{SHA-512}" + new Sha512HashDigest().encrypt("Old-Password-1" + salt), user.getId());
        assertThat(identity.checkPassword(user.getId(), "Old-Password-1")).isTrue();
        assertThat(identity.checkPassword(user.getId(), "Correct-Horse-9")).isFalse();
        identity.deleteUser(user.getId());
    }

    @Test
    void pbkdf2TakesItsTimeAndKeepsItsIterationCountPerHash() {
        Pbkdf2Sm3PasswordEncryptor strong = new Pbkdf2Sm3PasswordEncryptor(20000);
        String hash = strong.encrypt("pw");
        assertThat(hash).startsWith("20000$");
        assertThat(new Pbkdf2Sm3PasswordEncryptor(10000).check("pw", hash)).as("count read from the hash").isTrue();
        assertThat(strong.encrypt("pw")).as("random salt").isNotEqualTo(hash);
        assertThat(strong.check("wrong", hash)).isFalse();
        Pbkdf2Sm3PasswordEncryptor fresh = new Pbkdf2Sm3PasswordEncryptor(20000);
        long start = System.nanoTime();
        assertThat(fresh.check("pw", hash)).isTrue();
        long slow = System.nanoTime() - start;
        start = System.nanoTime();
        assertThat(fresh.check("pw", hash)).isTrue();
        long remembered = System.nanoTime() - start;
        assertThat(fresh.check("wrong", hash)).as("a wrong password is never remembered").isFalse();
        System.out.printf("PBKDF2-HMAC-SM3, 20000 iterations: %.1f ms; the same check remembered: %.3f ms%n",
                slow / 1e6, remembered / 1e6);
    }
}
