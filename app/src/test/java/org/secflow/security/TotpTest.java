package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The second factor's codes against the test vectors of RFC 6238 Appendix B (SHA-1, last 6 of 8 digits). */
class TotpTest {

    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest
    @CsvSource({"59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924",
            "2000000000, 279037", "20000000000, 353130"})
    void codesMatchTheRfcTestVectors(long seconds, String code) {
        assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(seconds)))).isEqualTo(code);
        assertThat(Totp.matchingStep(RFC_SECRET, code, Instant.ofEpochSecond(seconds + 30))).isPresent();
        assertThat(Totp.matchingStep(RFC_SECRET, code, Instant.ofEpochSecond(seconds + 90))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
    void base32RoundTrips(String text) {
        assertThat(Totp.base32(Totp.fromBase32(text))).isEqualTo(text);
        assertThat(Totp.newSecret()).hasSize(32).matches("[A-Z2-7]+");
    }
}
