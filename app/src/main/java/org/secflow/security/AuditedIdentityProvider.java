package org.secflow.security;

import java.util.Map;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.secflow.audit.SecurityAudit;

/**
 * Camunda's own database identity provider, which every entry point (webapps login, engine REST and our API's
 * HTTP Basic, Admin) goes through, with the security events added: a failed password check, the lock that
 * Camunda sets after {@code login-max-attempts} failures (ACT_ID_USER.ATTEMPTS_, LOCK_EXP_TIME_), an unlock, and
 * every password set (kept in the history, its time noted, and a change required when it was set by someone
 * other than the user).
 */
class AuditedIdentityProvider extends DbIdentityServiceProvider {

    private static final java.util.List<String> ADMIN_GROUPS = java.util.List.of(
            Groups.SYSTEM_ADMIN, Groups.SECURITY_ADMIN, Groups.AUDIT_ADMIN, Groups.ADMIN);

    private final Accounts accounts;
    private final SecurityAudit audit;

    AuditedIdentityProvider(Accounts accounts, SecurityAudit audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
        UserEntity before = userId == null ? null : findUserById(userId);
        boolean wasLocked = before != null && isUserLocked(before);
        boolean matches = super.checkPassword(userId, password);
        if (!matches) {
            String reason = before == null ? "unknown user" : wasLocked ? "account locked" : "wrong password";
            audit.record("login.failure", userId, false, Map.of("reason", reason, "factor", "password"));
            UserEntity after = before == null ? null : findUserById(userId);
            if (after != null && !wasLocked
                    && after.getAttempts() >= Context.getProcessEngineConfiguration().getLoginMaxAttempts()) {
                audit.record("account.locked", userId, true, Map.of("failedAttempts", after.getAttempts()));
            }
        }
        return matches;
    }

    /** A wrong second factor after a right password: one more failed attempt in Camunda's counter. */
    void countFailedSecondFactor(String userId) {
        UserEntity user = findUserById(userId);
        if (user == null || isUserLocked(user)) {
            return;
        }
        lockUser(user);
        UserEntity after = findUserById(userId);
        if (after.getAttempts() >= Context.getProcessEngineConfiguration().getLoginMaxAttempts()) {
            audit.record("account.locked", userId, true, Map.of("failedAttempts", after.getAttempts()));
        }
    }

    @Override
    public IdentityOperationResult unlockUser(String userId) {
        IdentityOperationResult result = super.unlockUser(userId);
        audit.record("account.unlocked", userId, true, Map.of("by", String.valueOf(actor())));
        return result;
    }

    @Override
    public IdentityOperationResult saveUser(User user) {
        boolean newPassword = user instanceof UserEntity entity && entity.hasNewPassword();
        IdentityOperationResult result = super.saveUser(user);
        if (newPassword) {
            UserEntity saved = (UserEntity) user;
            String actor = actor();
            accounts.passwordSet(saved.getId(), saved.getSalt(), saved.getPassword(), actor);
            audit.record("password.changed", saved.getId(), true, Map.of("by", String.valueOf(actor)));
        }
        return result;
    }

    /** 三员分立: no account in two of the administrators' groups (nor one of them and the demo superuser's). */
    @Override
    public IdentityOperationResult createMembership(String userId, String groupId) {
        checkAuthorization(org.camunda.bpm.engine.authorization.Permissions.CREATE,
                org.camunda.bpm.engine.authorization.Resources.GROUP_MEMBERSHIP, groupId);
        if (ADMIN_GROUPS.contains(groupId)) {
            for (String other : ADMIN_GROUPS) {
                if (!other.equals(groupId)
                        && createUserQuery().userId(userId).memberOfGroup(other).count() > 0) {
                    audit.record("membership.refused", userId, false, Map.of("group", groupId, "alreadyIn", other,
                            "by", String.valueOf(actor())));
                    throw new org.camunda.bpm.engine.BadUserRequestException("三员分立：用户 " + userId + " 已属于 "
                            + Groups.chineseName(other) + "，不能再加入 " + Groups.chineseName(groupId));
                }
            }
        }
        return super.createMembership(userId, groupId);
    }

    @Override
    public IdentityOperationResult deleteUser(String userId) {
        IdentityOperationResult result = super.deleteUser(userId);
        accounts.deleted(userId);
        return result;
    }

    private static String actor() {
        CommandContext command = Context.getCommandContext();
        return command == null ? null : command.getAuthenticatedUserId();
    }

    /** Opens this provider for each command, as the engine's default factory opens Camunda's. */
    static SessionFactory factory(Accounts accounts, SecurityAudit audit) {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuditedIdentityProvider.class;
            }

            @Override
            public Session openSession() {
                return new AuditedIdentityProvider(accounts, audit);
            }
        };
    }
}
