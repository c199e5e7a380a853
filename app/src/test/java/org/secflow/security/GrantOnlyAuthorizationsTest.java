package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Authorizations are grants only, the groups the node keeps never hold back a group's first grant, and a check decided
 * from the grants is the one Camunda's statement decides.
 */
@IntegrationTest
class GrantOnlyAuthorizationsTest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    @Test
    void aRevokeAuthorizationIsRefusedWhereverItComesFromAndNoRevokesAreChecked() {
        String revoke = Http.toJson(Map.of("type", Authorization.AUTH_TYPE_REVOKE, "permissions", List.of("READ"),
                "userId", "operator", "resourceType", Resources.PROCESS_DEFINITION.resourceType(),
                "resourceId", "boundarySecurity"));

        var answer = new Http(port).postJson("secadmin", "/engine-rest/authorization/create", revoke);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Http.json(answer).get("fields").get(0).get("field").asText()).isEqualTo("type");
        assertThat(Http.json(answer).get("fields").get(0).get("reason").asText()).contains("REVOKE");
        var authorizations = engine.getAuthorizationService();
        assertThat(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_REVOKE).count())
                .isZero();
        Authorization direct = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        direct.setUserId("operator");
        direct.setResource(Resources.PROCESS_DEFINITION);
        direct.setResourceId("boundarySecurity");
        direct.addPermission(Permissions.READ);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> authorizations.saveAuthorization(direct))
                .hasMessageContaining("REVOKE");
        assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getAuthorizationCheckRevokes())
                .isEqualTo(ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_NEVER);
    }

    @Test
    void aGroupGivenItsFirstAuthorizationMayUseItAtOnce() {
        var identity = engine.getIdentityService();
        var definitions = engine.getRepositoryService();
        identity.setAuthentication("grant-test-user", List.of("grant-test-group"));
        try {
            assertThat(definitions.createProcessDefinitionQuery().processDefinitionKey("boundarySecurity").count())
                    .as("the group has no authorization yet").isZero();
        } finally {
            identity.clearAuthentication();
        }
        Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId("grant-test-group");
        grant.setResource(Resources.PROCESS_DEFINITION);
        grant.setResourceId("boundarySecurity");
        grant.addPermission(Permissions.READ);
        grant = engine.getAuthorizationService().saveAuthorization(grant);
        try {
            identity.setAuthentication("grant-test-user", List.of("grant-test-group"));
            assertThat(definitions.createProcessDefinitionQuery().processDefinitionKey("boundarySecurity").count())
                    .as("read at once, not after the kept groups expire").isPositive();
        } finally {
            identity.clearAuthentication();
            engine.getAuthorizationService().deleteAuthorization(grant.getId());
        }
    }

    @Test
    void aCheckDecidedFromTheGrantsAgreesWithCamundasOwnStatement() {
        var authorizations = engine.getAuthorizationService();
        String task = "grant-check-task";
        List<Authorization> made = List.of(
                grant(authorizations, "engineer", null, Resources.TASK, task, TaskPermissions.TASK_WORK),
                grant(authorizations, null, "operations", Resources.TASK, task, TaskPermissions.UPDATE),
                grant(authorizations, null, "auditor", Resources.PROCESS_DEFINITION, "grantCheckModel",
                        ProcessDefinitionPermissions.UPDATE_TASK));
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        try {
            Map<String, List<String>> people = Map.of("engineer", List.of("technical"), "operator", List.of("operations"),
                    "manager", List.of("management"), "auditor", List.of("auditor"), "stranger", List.of());
            int compared = configuration.getCommandExecutorTxRequired().execute(context -> {
                var manager = (GrantOnlyAuthorizations.Manager) context.getAuthorizationManager();
                List<CompositePermissionCheck> checks = List.of(
                        // a task's claim and completion (AuthorizationCommandChecker.checkTaskWork)
                        new PermissionCheckBuilder().disjunctive()
                                .atomicCheckForResourceId(Resources.TASK, task, Permissions.UPDATE)
                                .atomicCheckForResourceId(Resources.TASK, task, TaskPermissions.TASK_WORK)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "grantCheckModel",
                                        ProcessDefinitionPermissions.UPDATE_TASK)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "grantCheckModel",
                                        ProcessDefinitionPermissions.TASK_WORK).build(),
                        single(Resources.PROCESS_DEFINITION, "boundarySecurity", ProcessDefinitionPermissions.READ_TASK),
                        single(Resources.PROCESS_DEFINITION, "boundarySecurity", ProcessDefinitionPermissions.DELETE),
                        single(Resources.PROCESS_DEFINITION, Authorization.ANY, ProcessDefinitionPermissions.READ),
                        single(Resources.TASK, task, TaskPermissions.TASK_WORK),
                        new PermissionCheckBuilder().conjunctive()
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "boundarySecurity", Permissions.READ)
                                .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "boundarySecurity",
                                        ProcessDefinitionPermissions.READ_HISTORY).build());
                int count = 0;
                for (var person : people.entrySet()) {
                    for (CompositePermissionCheck check : checks) {
                        assertThat(manager.isAuthorized(person.getKey(), person.getValue(), check))
                                .as("%s: %s", person.getKey(), check.getAllPermissionChecks().stream()
                                        .map(atomic -> atomic.getPermission().getName() + " " + atomic.getResourceId()).toList())
                                .isEqualTo(manager.camundaDecides(person.getKey(), person.getValue(), check));
                        count++;
                    }
                }
                return count;
            });
            assertThat(compared).isEqualTo(30);
        } finally {
            made.forEach(authorization -> authorizations.deleteAuthorization(authorization.getId()));
        }
    }

    private static CompositePermissionCheck single(Resource resource, String id, Permission permission) {
        return new PermissionCheckBuilder().atomicCheckForResourceId(resource, id, permission).build();
    }

    private static Authorization grant(org.camunda.bpm.engine.AuthorizationService authorizations, String user, String group,
                                       Resource resource, String id, Permission permission) {
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(user);
        grant.setGroupId(group);
        grant.setResource(resource);
        grant.setResourceId(id);
        grant.addPermission(permission);
        return authorizations.saveAuthorization(grant);
    }
}
