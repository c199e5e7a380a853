package org.secflow.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Who may log in and how (GB/T 22239—2019 8.1.4.1), from {@code secflow.security.*}: the {@code mysql}
 * (production) profile switches everything on; the default demo profile keeps the second factor off and
 * says so on its login page. Failed logins and the lock are Camunda's own ({@code login-max-attempts} and
 * {@code login-delay-*} in {@code camunda.bpm.generic-properties}), the session's idle time is
 * {@code server.servlet.session.timeout}.
 */
@Component
@ConfigurationProperties(prefix = "secflow.security")
public class SecurityPolicy {

    /** Every person needs a second factor (TOTP); off in the demo profile. Enrolled persons always need it. */
    private boolean secondFactorRequired = true;
    /** Logins over plain HTTP are refused (behind a TLS proxy: set server.forward-headers-strategy). */
    private boolean requireTls = true;
    /** The demo profile's {@code admin} in {@code camunda-admin}, who may do everything; never in production. */
    private boolean superuser = false;
    private Duration passwordMaxAge = Duration.ofDays(90);
    /** How many earlier passwords a new one may not repeat. */
    private int passwordHistory = 5;
    private int passwordMinLength = 10;
    /** Accounts without a login for this long are disabled until a security administrator enables them. */
    private Duration inactiveAfter = Duration.ofDays(90);
    /** Idle time after which a webapp session ends (also server.servlet.session.timeout). */
    private Duration sessionIdleTimeout = Duration.ofMinutes(15);
    /** Accounts left out of forced password change, expiry and inactivity: the demo users of the demo profile. */
    private List<String> exemptUsers = new ArrayList<>();
    /** Where the first start writes the one-time passwords of the three administrators (owner-readable only). */
    private String initialCredentialsFile = "./initial-admin-passwords.txt";

    public boolean isSecondFactorRequired() { return secondFactorRequired; }
    public void setSecondFactorRequired(boolean secondFactorRequired) { this.secondFactorRequired = secondFactorRequired; }
    public boolean isRequireTls() { return requireTls; }
    public void setRequireTls(boolean requireTls) { this.requireTls = requireTls; }
    public boolean isSuperuser() { return superuser; }
    public void setSuperuser(boolean superuser) { this.superuser = superuser; }
    public Duration getPasswordMaxAge() { return passwordMaxAge; }
    public void setPasswordMaxAge(Duration passwordMaxAge) { this.passwordMaxAge = passwordMaxAge; }
    public int getPasswordHistory() { return passwordHistory; }
    public void setPasswordHistory(int passwordHistory) { this.passwordHistory = passwordHistory; }
    public int getPasswordMinLength() { return passwordMinLength; }
    public void setPasswordMinLength(int passwordMinLength) { this.passwordMinLength = passwordMinLength; }
    public Duration getInactiveAfter() { return inactiveAfter; }
    public void setInactiveAfter(Duration inactiveAfter) { this.inactiveAfter = inactiveAfter; }
    public Duration getSessionIdleTimeout() { return sessionIdleTimeout; }
    public void setSessionIdleTimeout(Duration sessionIdleTimeout) { this.sessionIdleTimeout = sessionIdleTimeout; }
    public List<String> getExemptUsers() { return exemptUsers; }
    public void setExemptUsers(List<String> exemptUsers) { this.exemptUsers = exemptUsers; }
    public String getInitialCredentialsFile() { return initialCredentialsFile; }
    public void setInitialCredentialsFile(String initialCredentialsFile) { this.initialCredentialsFile = initialCredentialsFile; }

    boolean exempt(String userId) {
        return exemptUsers.contains(userId);
    }
}
