package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Authorizations are grants only, and the groups the node keeps never hold back a group's first grant. */
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
}
