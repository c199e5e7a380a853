package org.secflow.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.WritableIdentityProvider;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.secflow.audit.SecurityAudit;
import org.secflow.process.EngineTime;
import org.secflow.web.ConflictException;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of an account's security beside Camunda's identity service: what a person must still do after
 * a right password (change it, enrol or give the second factor), the second factor itself (TOTP, recovery
 * codes), inactivity, and the security administrator's unlock and reset.
 */
@Service
public class Accounts {

    static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ISSUER = "SecFlow";

    private final AccountMapper mapper;
    private final SecurityPolicy policy;
    private final SecurityAudit audit;
    private final ProcessEngine engine;
    /** The user changing their own password through the first-login page (no engine authentication there). */
    private final ThreadLocal<String> selfService = new ThreadLocal<>();

    Accounts(AccountMapper mapper, SecurityPolicy policy, SecurityAudit audit, @Lazy ProcessEngine engine) {
        this.mapper = mapper;
        this.policy = policy;
        this.audit = audit;
        this.engine = engine;
    }

    // ---- called by the identity provider ------------------------------------------------------------------

    /** A password was set: keep its hash for the history rule; a change is required unless the user set it. */
    void passwordSet(String userId, String salt, String hash, String actor) {
        LocalDateTime now = EngineTime.now();
        mapper.ensure(userId, now);
        mapper.addPasswordHistory(userId, salt, hash, now);
        String by = actor != null ? actor : selfService.get();
        mapper.passwordChanged(userId, now, !userId.equals(by));
    }

    void deleted(String userId) {
        mapper.deleteRecoveryCodes(userId);
        mapper.delete(userId);
    }

    // ---- log-in checks ----------------------------------------------------------------------------------------

    boolean isServiceAccount(String userId) {
        return identity().createUserQuery().userId(userId).memberOfGroup(Groups.SERVICE_ACCOUNT).count() > 0;
    }

    AccountState state(String userId) {
        mapper.ensure(userId, EngineTime.now());
        return mapper.find(userId);
    }

    /** Whether this person needs a second factor: always once enrolled, and everyone when the policy says so. */
    boolean secondFactorRequired(String userId, AccountState state) {
        return state.secondFactorEnrolled()
                || (policy.isSecondFactorRequired() && !policy.exempt(userId) && !isServiceAccount(userId));
    }

    /**
     * Checks, after a right password at the webapps' login, everything else; throws {@link LoginRefused} with
     * the first thing missing. {@code secondFactor} is a TOTP code or a recovery code (may be null).
     */
    @Transactional(noRollbackFor = LoginRefused.class)
    public void checkInteractiveLogin(String userId, String secondFactor) {
        AccountState state = state(userId);
        checkEnabled(userId, state);
        if (isServiceAccount(userId)) {
            throw refuse(userId, LoginRefused.Reason.SERVICE_ACCOUNT);
        }
        if (passwordChangeRequired(userId, state)) {
            throw refuse(userId, LoginRefused.Reason.PASSWORD_CHANGE_REQUIRED);
        }
        if (secondFactorRequired(userId, state)) {
            if (!state.secondFactorEnrolled()) {
                throw refuse(userId, LoginRefused.Reason.SECOND_FACTOR_ENROLMENT_REQUIRED);
            }
            if (secondFactor == null || secondFactor.isBlank()) {
                throw refuse(userId, LoginRefused.Reason.SECOND_FACTOR_REQUIRED);
            }
            if (!verifySecondFactor(userId, state, secondFactor.trim())) {
                throw refuse(userId, LoginRefused.Reason.SECOND_FACTOR_INVALID);
            }
        }
    }

    /** Checks, after a right password over HTTP Basic (/api, /engine-rest), what else applies to such calls. */
    @Transactional(noRollbackFor = LoginRefused.class)
    public void checkBasicCall(String userId) {
        AccountState state = state(userId);
        checkEnabled(userId, state);
        if (!isServiceAccount(userId) && secondFactorRequired(userId, state)) {
            throw refuse(userId, LoginRefused.Reason.BASIC_NOT_FOR_PERSONS);
        }
        // a use keeps the account from being disabled; written at most once a day
        LocalDateTime now = EngineTime.now();
        if (state.lastLoginAt() == null || state.lastLoginAt().isBefore(now.minusDays(1))) {
            mapper.loggedIn(userId, now);
        }
    }

    /** A session was created for the user (webapps login or the end of the first-login page). */
    @Transactional
    public void loggedIn(String userId, String how, String sourceAddress) {
        mapper.ensure(userId, EngineTime.now());
        mapper.loggedIn(userId, EngineTime.now());
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("factors", how);
        if (sourceAddress != null) {
            details.put("sourceAddress", sourceAddress);
        }
        audit.record("login.success", userId, true, details);
    }

    /** The first-login page may be used by a person whose account is enabled (not by service accounts). */
    @Transactional(noRollbackFor = LoginRefused.class)
    public void checkSelfService(String userId) {
        AccountState state = state(userId);
        checkEnabled(userId, state);
        if (isServiceAccount(userId)) {
            throw refuse(userId, LoginRefused.Reason.SERVICE_ACCOUNT);
        }
    }

    /** The second factor is enrolled only after the password was changed (first login, expiry). */
    @Transactional(noRollbackFor = LoginRefused.class)
    public void requirePasswordChanged(String userId) {
        if (passwordChangeRequired(userId, state(userId))) {
            throw new LoginRefused(LoginRefused.Reason.PASSWORD_CHANGE_REQUIRED);
        }
    }

    /** Whether the person should enrol a second factor now: required and not yet enrolled. */
    public boolean needsEnrolment(String userId) {
        AccountState state = state(userId);
        return !state.secondFactorEnrolled() && secondFactorRequired(userId, state);
    }

    boolean passwordChangeRequired(String userId, AccountState state) {
        if (policy.exempt(userId) || isServiceAccount(userId)) {
            return false;
        }
        if (state.mustChangePassword()) {
            return true;
        }
        LocalDateTime changed = state.passwordChangedAt() != null ? state.passwordChangedAt() : state.createdAt();
        return changed.plus(policy.getPasswordMaxAge()).isBefore(EngineTime.now());
    }

    private void checkEnabled(String userId, AccountState state) {
        if (state.disabledAt() != null) {
            throw refuse(userId, LoginRefused.Reason.ACCOUNT_DISABLED);
        }
        if (policy.exempt(userId)) {
            return;
        }
        LocalDateTime lastUse = state.lastLoginAt() != null ? state.lastLoginAt() : state.createdAt();
        if (lastUse.plus(policy.getInactiveAfter()).isBefore(EngineTime.now())) {
            mapper.disable(userId, EngineTime.now());
            audit.record("account.disabled", userId, true,
                    Map.of("reason", "unused for " + policy.getInactiveAfter().toDays() + " days"));
            throw refuse(userId, LoginRefused.Reason.ACCOUNT_DISABLED);
        }
    }

    private LoginRefused refuse(String userId, LoginRefused.Reason reason) {
        audit.record("login.refused", userId, false, Map.of("reason", reason.name()));
        return new LoginRefused(reason);
    }

    private boolean verifySecondFactor(String userId, AccountState state, String code) {
        OptionalLong step = Totp.matchingStep(state.totpSecret(), code, ClockUtil.getCurrentTime().toInstant());
        boolean ok;
        String factor;
        if (step.isPresent()) {
            factor = "totp";
            ok = mapper.useTotpStep(userId, step.getAsLong()) == 1;
        } else {
            factor = "recovery code";
            ok = mapper.useRecoveryCode(userId, sha256(normalizeRecoveryCode(code)), EngineTime.now()) == 1;
        }
        if (!ok) {
            // a wrong second factor counts as a failed login in Camunda's own counter, so that it locks too
            countFailure(userId);
            audit.record("login.failure", userId, false, Map.of("reason", "wrong second factor", "factor", factor));
        }
        return ok;
    }

    private void countFailure(String userId) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> {
                    WritableIdentityProvider provider = context.getWritableIdentityProvider();
                    if (provider instanceof AuditedIdentityProvider audited) {
                        audited.countFailedSecondFactor(userId);
                    }
                    return null;
                });
    }

    // ---- first-login page ---------------------------------------------------------------------------------------

    /** Changes the user's own password (the current one was checked); a weak one is refused naming the rules. */
    @Transactional(noRollbackFor = InvalidInputException.class)
    public void changeOwnPassword(String userId, String newPassword) {
        User user = identity().createUserQuery().userId(userId).singleResult();
        PasswordPolicyResult result = identity().checkPasswordAgainstPolicy(newPassword, user);
        if (!result.isValid()) {
            List<FieldError> broken = result.getViolatedRules().stream()
                    .map(rule -> new FieldError("newPassword", SecFlowPasswordPolicy.describe(rule))).toList();
            audit.record("password.change", userId, false,
                    Map.of("rules", broken.stream().map(FieldError::reason).toList()));
            throw new InvalidInputException("新密码不符合密码策略", broken);
        }
        user.setPassword(newPassword);
        selfService.set(userId);
        try {
            identity().saveUser(user);
        } finally {
            selfService.remove();
        }
    }

    /** Starts (or restarts, while not confirmed) the enrolment of a TOTP authenticator. */
    @Transactional
    public Enrolment startEnrolment(String userId) {
        AccountState state = state(userId);
        if (state.secondFactorEnrolled()) {
            throw new ConflictException("已绑定动态口令；如需重新绑定（例如手机丢失），请联系安全管理员重置");
        }
        String secret = Totp.newSecret();
        mapper.startTotp(userId, secret);
        String uri = Totp.uri(ISSUER, userId, secret);
        return new Enrolment(secret, uri, QrCodes.pngDataUrl(uri));
    }

    /** Confirms the enrolment with a first code; answers the one-time recovery codes, shown only now. */
    @Transactional
    public List<String> confirmEnrolment(String userId, String code) {
        AccountState state = state(userId);
        if (state.secondFactorEnrolled()) {
            throw new ConflictException("已绑定动态口令");
        }
        if (state.totpSecret() == null) {
            throw new InvalidInputException("code", "请先获取二维码");
        }
        OptionalLong step = Totp.matchingStep(state.totpSecret(), code == null ? null : code.trim(),
                ClockUtil.getCurrentTime().toInstant());
        if (step.isEmpty()) {
            audit.record("second-factor.enrolment", userId, false, Map.of("reason", "wrong code"));
            throw new InvalidInputException("code", "动态口令不正确，请核对手机时间后输入当前显示的 6 位数字");
        }
        mapper.confirmTotp(userId, EngineTime.now(), step.getAsLong());
        List<String> codes = newRecoveryCodes(userId);
        audit.record("second-factor.enrolled", userId, true, Map.of("method", "TOTP (RFC 6238)"));
        return codes;
    }

    private List<String> newRecoveryCodes(String userId) {
        mapper.deleteRecoveryCodes(userId);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] random = new byte[5];
            RANDOM.nextBytes(random);
            String code = Totp.base32(random).toLowerCase(java.util.Locale.ROOT);
            code = code.substring(0, 4) + "-" + code.substring(4);
            mapper.addRecoveryCode(userId, sha256(normalizeRecoveryCode(code)));
            codes.add(code);
        }
        return codes;
    }

    // ---- security administrator -----------------------------------------------------------------------------------

    /** Unlocks an account locked by failed logins and enables one disabled for inactivity. */
    @Transactional
    public void unlock(String userId) {
        requireUser(userId);
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> context.getWritableIdentityProvider().unlockUser(userId));
        mapper.ensure(userId, EngineTime.now());
        mapper.enable(userId, EngineTime.now());
    }

    /** Removes the second factor (lost phone): the person enrols again at the next login. */
    @Transactional
    public void resetSecondFactor(String userId) {
        requireUser(userId);
        mapper.resetTotp(userId);
        mapper.deleteRecoveryCodes(userId);
        audit.record("second-factor.reset", userId, true, Map.of());
    }

    /** A new token for a service account: its password, random, shown once; the old one stops working. */
    @Transactional
    public String issueToken(String userId) {
        requireUser(userId);
        if (!isServiceAccount(userId)) {
            throw new ConflictException("只有服务账户（组 " + Groups.SERVICE_ACCOUNT + "）使用令牌");
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = "sft_" + HexFormat.of().formatHex(random);
        User user = identity().createUserQuery().userId(userId).singleResult();
        user.setPassword(token);
        // allowed by the SecurityPolicy authorization checked by the caller, not by a USER grant
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> {
                    context.disableAuthorizationCheck();
                    return new org.camunda.bpm.engine.impl.cmd.SaveUserCmd(user, true).execute(context);
                });
        audit.record("service-token.issued", userId, true, Map.of());
        return token;
    }

    private void requireUser(String userId) {
        if (identity().createUserQuery().userId(userId).count() == 0) {
            throw new org.secflow.web.NotFoundException("用户 " + userId + " 不存在");
        }
    }

    private IdentityService identity() {
        return engine.getIdentityService();
    }

    static String normalizeRecoveryCode(String code) {
        return code.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the enrolment page shows: the secret (to type it in), the otpauth URI and its QR code. */
    public record Enrolment(String secret, String uri, String qrCode) {
    }
}
