package org.secflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The first-login page's calls ({@code /account/}, outside {@code /api}: the person has no session yet): each
 * carries the user name and current password, checked by Camunda (failures count towards the lock). Password
 * change, then enrolment of the second factor, whose confirmation opens the webapps' session.
 */
@RestController
@RequestMapping("/account")
class AccountController {

    private final ProcessEngine engine;
    private final Accounts accounts;
    private final SecurityPolicy policy;

    AccountController(ProcessEngine engine, Accounts accounts, SecurityPolicy policy) {
        this.engine = engine;
        this.accounts = accounts;
        this.policy = policy;
    }

    record PasswordChange(String username, String password, String newPassword) {
    }

    record Credentials(String username, String password) {
    }

    record Confirmation(String username, String password, String code) {
    }

    /** What the login page tells: whether a second factor is required (the demo profile says it is not). */
    @GetMapping("/settings")
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("secondFactorRequired", policy.isSecondFactorRequired());
        settings.put("demo", policy.isSuperuser());
        settings.put("passwordMinLength", policy.getPasswordMinLength());
        settings.put("sessionIdleMinutes", policy.getSessionIdleTimeout().toMinutes());
        return settings;
    }

    @PostMapping("/password")
    Map<String, Object> changePassword(@RequestBody PasswordChange body, HttpServletRequest request) {
        String user = authenticate(body.username(), body.password(), request);
        if (body.newPassword() == null || body.newPassword().isEmpty()) {
            throw new org.secflow.web.InvalidInputException("newPassword", "必填");
        }
        accounts.changeOwnPassword(user, body.newPassword());
        return Map.of("next", accounts.needsEnrolment(user) ? "secondFactor" : "login");
    }

    @PostMapping("/second-factor")
    Accounts.Enrolment startEnrolment(@RequestBody Credentials body, HttpServletRequest request) {
        String user = authenticate(body.username(), body.password(), request);
        accounts.requirePasswordChanged(user);
        return accounts.startEnrolment(user);
    }

    @PostMapping("/second-factor/confirm")
    Map<String, Object> confirmEnrolment(@RequestBody Confirmation body, HttpServletRequest request) {
        String user = authenticate(body.username(), body.password(), request);
        accounts.requirePasswordChanged(user);
        List<String> recoveryCodes = accounts.confirmEnrolment(user, body.code());
        // both factors were just shown: the person is logged in to the webapps (a new session id)
        UserAuthentication authentication = AuthenticationUtil.createAuthentication(engine, user);
        AuthenticationUtil.revalidateSession(request, authentication);
        accounts.loggedIn(user, "password+second factor (enrolment)", request.getRemoteAddr());
        return Map.of("recoveryCodes", recoveryCodes, "next", "/camunda/app/tasklist/");
    }

    private String authenticate(String username, String password, HttpServletRequest request) {
        if (policy.isRequireTls() && !request.isSecure()) {
            throw new LoginRefused(LoginRefused.Reason.TLS_REQUIRED);
        }
        if (username == null || password == null || !engine.getIdentityService().checkPassword(username, password)) {
            throw new LoginRefused(LoginRefused.Reason.BAD_CREDENTIALS);
        }
        accounts.checkSelfService(username);
        return username;
    }

    @ExceptionHandler(LoginRefused.class)
    ResponseEntity<Map<String, Object>> refused(LoginRefused refused) {
        return ResponseEntity.status(refused.status())
                .body(Map.of("status", refused.status(), "code", refused.code(), "message", refused.getMessage()));
    }
}
