package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each group finds its work in the Tasklist's saved filters, and only its own work. */
@IntegrationTest
class TasklistFiltersTest {

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    Http http;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
    }

    @Test
    void staffSeeTheirFiltersAndTheirGroupsTasksInThem() {
        JsonNode created = Http.json(http.postJson("operator", "/api/incidents",
                Http.toJson(IncidentBodies.defacedPortal())));
        String processInstanceId = created.get("processInstanceId").asText();

        Map<String, String> engineerFilters = filters("engineer");
        assertThat(engineerFilters).containsKeys("我的任务", "本组待办", "即将超时", "已超时");

        JsonNode groupTasks = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("本组待办") + "/list", "{}"));
        assertThat(groupTasks.findValuesAsText("processInstanceId")).contains(processInstanceId);
        JsonNode filter = Http.json(http.get("engineer", "/engine-rest/filter/" + engineerFilters.get("本组待办")));
        assertThat(filter.get("properties").get("variables").findValuesAsText("name")).contains("clause");
        String taskId = Http.json(http.get("engineer", "/engine-rest/task?processInstanceId=" + processInstanceId))
                .get(0).get("id").asText();
        assertThat(Http.json(http.get("engineer", "/engine-rest/task/" + taskId + "/localVariables/clause"))
                .get("value").asText()).as("the card shows the clause of the analysis task").isEqualTo("7.5.1.6");

        // grade II: the analysis task is due in 30 minutes
        JsonNode dueSoon = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("即将超时") + "/list", "{}"));
        assertThat(dueSoon.findValuesAsText("processInstanceId")).contains(processInstanceId);
        JsonNode overdue = Http.json(http.postJson("engineer",
                "/engine-rest/filter/" + engineerFilters.get("已超时") + "/list", "{}"));
        assertThat(overdue.findValuesAsText("processInstanceId")).doesNotContain(processInstanceId);

        JsonNode operatorsGroupTasks = Http.json(http.postJson("operator",
                "/engine-rest/filter/" + filters("operator").get("本组待办") + "/list", "{}"));
        assertThat(operatorsGroupTasks.findValuesAsText("processInstanceId"))
                .as("the analysis task belongs to the technical group").doesNotContain(processInstanceId);
    }

    private Map<String, String> filters(String user) {
        Map<String, String> byName = new HashMap<>();
        Http.json(http.get(user, "/engine-rest/filter?resourceType=Task"))
                .forEach(filter -> byName.put(filter.get("name").asText(), filter.get("id").asText()));
        return byName;
    }
}
