package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 三员分立 (GB/T 22239—2019 8.1.4.2, 8.1.5): the system, security and audit administrators each do their own
 * work and are refused everything else, over the engine REST API and our API (HTTP Basic, demo password).
 */
@IntegrationTest
class AdministratorRolesTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;

    Http http() {
        return new Http(port);
    }

    static String newUser(String id) {
        return Http.toJson(Map.of("profile", Map.of("id", id, "firstName", "新", "lastName", "人"),
                "credentials", Map.of("password", "Role-Test-Pass-2026")));
    }

    static String grant(String userId) {
        return Http.toJson(Map.of("type", 1, "permissions", List.of("ACCESS"), "userId", userId, "resourceType", 0,
                "resourceId", "tasklist"));
    }

    @Test
    void theSystemAdministratorManagesUsersAndDeploymentsButNotAuthorizationsOrTheAuditTrail() {
        assertThat(http().postJson("sysadmin", "/engine-rest/user/create", newUser("roleSys")).statusCode()).isEqualTo(204);
        assertThat(http().putJson("sysadmin", "/engine-rest/group/technical/members/roleSys", "").statusCode())
                .isEqualTo(204);
        assertThat(http().get("sysadmin", "/engine-rest/deployment").statusCode()).isEqualTo(200);

        assertThat(http().postJson("sysadmin", "/engine-rest/authorization/create", grant("roleSys")).statusCode())
                .isEqualTo(403);
        assertThat(http().putJson("sysadmin", "/engine-rest/group/" + Groups.SECURITY_ADMIN + "/members/sysadmin", "")
                .statusCode()).as("no way into another administrator's group").isEqualTo(403);
        assertThat(http().get("sysadmin", "/api/audit/verify").statusCode()).isEqualTo(403);
        assertThat(http().postJson("sysadmin", "/api/security/users/roleSys/unlock", "{}").statusCode()).isEqualTo(403);
        assertThat(http().get("sysadmin", "/api/assets").statusCode()).isEqualTo(403);
    }

    @Test
    void theSecurityAdministratorManagesAuthorizationsAndLocksButNotUsersDeploymentsOrData() {
        assertThat(http().postJson("secadmin", "/engine-rest/authorization/create", grant("operator")).statusCode())
                .isEqualTo(200);
        assertThat(http().get("secadmin", "/api/security/policy").statusCode()).isEqualTo(200);

        assertThat(http().postJson("secadmin", "/engine-rest/user/create", newUser("roleSec")).statusCode())
                .isEqualTo(403);
        assertThat(http().putJson("secadmin", "/engine-rest/group/technical/members/secadmin", "").statusCode())
                .isEqualTo(403);
        assertThat(http().upload("secadmin", "/engine-rest/deployment/create", "data", "x.bpmn", new byte[] {1},
                Map.of("deployment-name", "x")).statusCode()).isEqualTo(403);
        assertThat(http().get("secadmin", "/api/audit/verify").statusCode()).isEqualTo(403);
        assertThat(http().get("secadmin", "/api/assets").statusCode()).isEqualTo(403);
    }

    @Test
    void theAuditAdministratorReadsTheAuditTrailAndNothingElse() {
        assertThat(http().get("auditadmin", "/api/audit/verify").statusCode()).isEqualTo(200);

        assertThat(http().postJson("auditadmin", "/engine-rest/user/create", newUser("roleAudit")).statusCode())
                .isEqualTo(403);
        assertThat(http().postJson("auditadmin", "/engine-rest/authorization/create", grant("auditadmin")).statusCode())
                .isEqualTo(403);
        assertThat(http().upload("auditadmin", "/engine-rest/deployment/create", "data", "x.bpmn", new byte[] {1},
                Map.of("deployment-name", "x")).statusCode()).isEqualTo(403);
        assertThat(http().postJson("auditadmin", "/api/security/users/operator/unlock", "{}").statusCode()).isEqualTo(403);
        assertThat(http().get("auditadmin", "/api/assets").statusCode()).isEqualTo(403);
        assertThat(http().get("auditadmin", "/api/incidents/1").statusCode()).isIn(403, 404);
        assertThat(Http.json(http().get("auditadmin", "/engine-rest/process-definition")).size()).isZero();
    }

    @Test
    void noAdministratorHoldsAllAndTheDemoProfileSaysItsSuperuserIsForTheTrialOnly() {
        for (String administrator : IdentitySetup.ADMINISTRATORS.keySet()) {
            assertThat(identityService.createGroupQuery().groupMember(administrator).list()).hasSize(1);
            assertThat(identityService.createGroupQuery().groupMember(administrator).groupId(Groups.ADMIN).count())
                    .isZero();
        }
        assertThat(Http.json(http().get(null, "/account/settings")).get("demo").asBoolean()).isTrue();
    }
}
