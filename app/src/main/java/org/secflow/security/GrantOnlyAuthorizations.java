package org.secflow.security;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
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
 * <p>
 * Without revokes a check is simply "does a grant of the person, one of their groups or everyone hold these
 * permissions on this resource or on all of its kind". A command's check (a task's claim and completion ask four: the
 * task's TASK_WORK or UPDATE, the definition's TASK_WORK or UPDATE_TASK) is then one indexed read of the grants that
 * can decide it, evaluated here, instead of Camunda's statement with a sub-query per level and check (24 for a task,
 * the most expensive statement of a completion on MySQL). Checks of other shapes stay Camunda's.
 */
final class GrantOnlyAuthorizations implements SessionFactory {

    static final long GROUPS_KEPT_MILLIS = 5_000;
    static final String NO_REVOKES = "不支持撤销授权（REVOKE, type 2），最小权限请通过只授予所需权限（GRANT, type 1）实现";

    private final ProcessEngineConfigurationImpl configuration;
    private final Grants grants;
    private volatile Set<String> groups;
    private volatile long groupsReadAt;

    GrantOnlyAuthorizations(ProcessEngineConfigurationImpl configuration, Grants grants) {
        this.configuration = configuration;
        this.grants = grants;
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

    final class Manager extends AuthorizationManager {

        @Override
        public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
            if (!grantsOnly() || !decidableHere(check)) {
                return super.isAuthorized(userId, groupIds, check);
            }
            return decide(userId, filterAuthenticatedGroupIds(groupIds), check);
        }

        /** Camunda's own statement, for the test that compares both. */
        boolean camundaDecides(String userId, List<String> groupIds, CompositePermissionCheck check) {
            return super.isAuthorized(userId, groupIds, check);
        }

        /** Atomic checks only, each valid for its resource and with no "authorized when nothing is found" value. */
        private boolean decidableHere(CompositePermissionCheck check) {
            return (check.getCompositeChecks() == null || check.getCompositeChecks().isEmpty())
                    && check.getAtomicChecks() != null && !check.getAtomicChecks().isEmpty()
                    && check.getAtomicChecks().stream().allMatch(atomic -> atomic.getAuthorizationNotFoundReturnValue() == null
                            && atomic.getResourceIdQueryParam() == null && isResourceValidForPermission(atomic));
        }

        private boolean decide(String userId, List<String> groupIds, CompositePermissionCheck check) {
            Set<Integer> types = new LinkedHashSet<>();
            Set<String> ids = new LinkedHashSet<>();
            for (PermissionCheck atomic : check.getAtomicChecks()) {
                types.add(atomic.getResourceType());
                if (atomic.getResourceId() != null && !Authorization.ANY.equals(atomic.getResourceId())) {
                    ids.add(atomic.getResourceId());
                }
            }
            // the statement reads only grants of everyone, of the person and of their groups
            List<Grants.Grant> held = grants.grantsFor(userId, groupIds == null ? List.of() : groupIds, types, ids);
            return check.isDisjunctive() ? check.getAtomicChecks().stream().anyMatch(atomic -> granted(atomic, held))
                    : check.getAtomicChecks().stream().allMatch(atomic -> granted(atomic, held));
        }

        private static boolean granted(PermissionCheck atomic, List<Grants.Grant> held) {
            int perms = atomic.getPerms();
            return held.stream().anyMatch(grant -> grant.resourceType() == atomic.getResourceType()
                    && (grant.perms() & perms) == perms
                    && (Authorization.ANY.equals(grant.resourceId()) || grant.resourceId().equals(atomic.getResourceId())));
        }

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
