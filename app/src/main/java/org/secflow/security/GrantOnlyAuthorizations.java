package org.secflow.security;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.secflow.web.FieldError;
import org.secflow.web.FieldsRefused;

/**
 * Authorizations are grants only: Camunda's REVOKE authorizations are refused (400) wherever one is created — the
 * engine REST API, the Admin webapp, our code — so that the engine checks no revokes ({@code authorizationCheckRevokes
 * = never}): without it every command first asks the database whether the person has a revoke, and every checked
 * query carries the revoke sub-queries. Least privilege is given by granting less, never by revoking.
 * <p>
 * The groups that have any authorization (Camunda asks for them once per command, to leave the others out of each
 * check) are kept by the node for {@value #GROUPS_KEPT_MILLIS} ms, and forgotten at once when this node gives a
 * group its first authorization. Kept too long they can only leave a group out, never let one in: a group given its
 * first authorization on another node of a cluster may wait that long for its grants here.
 * A database that already holds revokes (from before this rule) keeps Camunda's own per-command checks of both.
 */
final class GrantOnlyAuthorizations implements SessionFactory {

    static final long GROUPS_KEPT_MILLIS = 5_000;
    static final String NO_REVOKES = "不支持撤销授权（REVOKE, type 2），最小权限请通过只授予所需权限（GRANT, type 1）实现";

    private final ProcessEngineConfigurationImpl configuration;
    private volatile Set<String> groups;
    private volatile long groupsReadAt;

    GrantOnlyAuthorizations(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
    }

    /** Checks no revokes, unless the database holds some from before (then Camunda decides per command). */
    void checkRevokesOnlyWhereHeld(long revokesHeld) {
        configuration.setAuthorizationCheckRevokes(revokesHeld == 0 ? ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER
                : ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO);
    }

    private boolean grantsOnly() {
        return ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER.equalsIgnoreCase(
                configuration.getAuthorizationCheckRevokes());
    }

    @Override
    public Class<?> getSessionType() {
        return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
        return new Manager();
    }

    private final class Manager extends AuthorizationManager {

        @Override
        protected Set<String> getAllGroups() {
            if (!grantsOnly()) {
                return super.getAllGroups();
            }
            if (availableAuthorizedGroupIds == null) {
                Set<String> kept = groups;
                if (kept == null || System.currentTimeMillis() - groupsReadAt > GROUPS_KEPT_MILLIS) {
                    List<String> read = getDbEntityManager().selectList("selectAuthorizedGroupIds");
                    kept = Set.copyOf(read.stream().filter(Objects::nonNull).toList());
                    groups = kept;
                    groupsReadAt = System.currentTimeMillis();
                }
                availableAuthorizedGroupIds = new HashSet<>(kept);
            }
            return availableAuthorizedGroupIds;
        }

        @Override
        public void insert(DbEntity entity) {
            refuseRevoke((AuthorizationEntity) entity);
            super.insert(entity);
            forgetGroupsIfNew((AuthorizationEntity) entity);
        }

        @Override
        public void update(AuthorizationEntity authorization) {
            refuseRevoke(authorization);
            super.update(authorization);
            forgetGroupsIfNew(authorization);
        }

        private void refuseRevoke(AuthorizationEntity authorization) {
            if (authorization.getAuthorizationType() == Authorization.AUTH_TYPE_REVOKE) {
                throw new FieldsRefused("InvalidRequestException", "授权未保存",
                        List.of(new FieldError("type", NO_REVOKES)));
            }
        }

        private void forgetGroupsIfNew(AuthorizationEntity authorization) {
            Set<String> kept = groups;
            if (authorization.getGroupId() != null && kept != null && !kept.contains(authorization.getGroupId())) {
                Context.getCommandContext().getTransactionContext()
                        .addTransactionListener(TransactionState.COMMITTED, committed -> groups = null);
            }
        }
    }
}
