package org.secflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operations staff look at: health of database and engine; no internals in error pages. */
@IntegrationTest
class OperationsTest {

    @LocalServerPort int port;

    @Test
    void healthReportsDatabaseAndEngine() {
        HttpResponse<String> response = new Http(port).get(null, "/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = Http.json(response);
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("processEngine").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void unknownPagesAndBadEngineCallsShowNoStackTrace() {
        Http http = new Http(port);
        HttpResponse<String> missing = http.get("manager", "/api/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        HttpResponse<String> badEngineCall = http.get("manager", "/engine-rest/task/does-not-exist");
        assertThat(badEngineCall.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : new HttpResponse[] {missing, badEngineCall}) {
            assertThat(response.body()).doesNotContain("\tat ").doesNotContain(".java:");
        }
    }

    @Test
    void tasklistIsServedUnderCamunda() {
        HttpResponse<String> tasklist = new Http(port).get(null, "/camunda/app/tasklist/default/");
        assertThat(tasklist.statusCode()).isEqualTo(200);
    }
}
