package org.secflow.security;

import java.time.LocalDateTime;

/** One account's row of {@code account_security}. */
record AccountState(String userId, LocalDateTime createdAt, boolean mustChangePassword,
                    LocalDateTime passwordChangedAt, String totpSecret, LocalDateTime totpConfirmedAt,
                    Long totpLastStep, LocalDateTime lastLoginAt, LocalDateTime disabledAt) {

    boolean secondFactorEnrolled() {
        return totpConfirmedAt != null;
    }
}
