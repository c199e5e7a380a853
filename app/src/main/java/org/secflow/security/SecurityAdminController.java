package org.secflow.security;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security administrator's (安全管理员) acts on accounts, allowed by the Camunda authorization on
 * {@code SecurityPolicy}: unlock (after failed logins) or enable (after inactivity), reset a lost second factor,
 * issue a service account's token. Camunda's own unlock needs {@code camunda-admin}, which production has not.
 */
@RestController
@RequestMapping("/api/security")
class SecurityAdminController {

    private final Accounts accounts;
    private final ApiPermissions permissions;
    private final SecurityPolicy policy;

    SecurityAdminController(Accounts accounts, ApiPermissions permissions, SecurityPolicy policy) {
        this.accounts = accounts;
        this.permissions = permissions;
        this.policy = policy;
    }

    @GetMapping("/policy")
    Map<String, Object> policy() {
        permissions.require(PlatformPermission.READ, PlatformResource.SECURITY_POLICY);
        return Map.of("secondFactorRequired", policy.isSecondFactorRequired(), "requireTls", policy.isRequireTls(),
                "passwordMinLength", policy.getPasswordMinLength(), "passwordHistory", policy.getPasswordHistory(),
                "passwordMaxAgeDays", policy.getPasswordMaxAge().toDays(),
                "inactiveAfterDays", policy.getInactiveAfter().toDays(),
                "sessionIdleMinutes", policy.getSessionIdleTimeout().toMinutes());
    }

    @PostMapping("/users/{userId}/unlock")
    Map<String, Object> unlock(@PathVariable String userId) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SECURITY_POLICY);
        accounts.unlock(userId);
        return Map.of("userId", userId, "locked", false);
    }

    @PostMapping("/users/{userId}/second-factor/reset")
    Map<String, Object> resetSecondFactor(@PathVariable String userId) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SECURITY_POLICY);
        accounts.resetSecondFactor(userId);
        return Map.of("userId", userId, "secondFactorEnrolled", false);
    }

    @PostMapping("/service-accounts/{userId}/token")
    Map<String, Object> issueToken(@PathVariable String userId) {
        permissions.require(PlatformPermission.WRITE, PlatformResource.SECURITY_POLICY);
        return Map.of("userId", userId, "token", accounts.issueToken(userId));
    }
}
