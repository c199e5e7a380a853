package org.secflow.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 规则管理 over real HTTP with real Drools: an administrator changes a decision table, previews which
 * decisions change, applies it without a restart and rolls it back; bad cells and broken DRL never run.
 */
@IntegrationTest
class RuleSetApiTest {

    // 特别重要 × 特别严重 is the only matrix cell of grade I; social impact 重大 makes the other 11 cells II,
    // and the two matrix cells of grade II stay II with social impact 较大 or 一般: (11 + 2 × 2) × 3 reporters.
    private static final int GRADE_II_CASES = 45;

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired RuleSetSettings settings;
    @Autowired JdbcTemplate jdbc;
    Http http;
    int versionBefore;

    @BeforeEach
    void setUp() {
        Staff.ensure(identityService);
        http = new Http(port);
        versionBefore = activeVersion();
    }

    /** Other tests of the suite decide with the tables they expect: back to the version this test started with. */
    @AfterEach
    void restoreRules() {
        settings.setExpertMode(false);
        if (activeVersion() != versionBefore) {
            JsonNode before = Http.json(http.get("sysadmin", "/api/rules/versions/" + versionBefore));
            JsonNode now = Http.json(http.get("sysadmin", "/api/rules/active"));
            if (!before.get("tables").equals(now.get("tables")) || !before.get("drlFiles").equals(now.get("drlFiles"))) {
                assertThat(http.postJson("sysadmin", "/api/rules/versions/" + versionBefore + "/rollback",
                        "{\"reason\":\"测试结束，恢复\"}").statusCode()).isEqualTo(201);
            }
        }
    }

    @Test
    void gradeIIRespondChangedFrom30To20MinutesAppliesToNewIncidentsOnlyAndRollsBack() throws Exception {
        // given: an incident of grade II decided with the tables as they are
        JsonNode earlier = report();
        assertThat(minutesToRespond(earlier)).isEqualTo(30);
        ObjectNode tables = activeTables();
        ((ObjectNode) slaRow(tables, "II")).put("respondWithin", "PT20M");

        // when: the administrator previews the change
        HttpResponse<String> preview = http.postJson("sysadmin", "/api/rules/check", change(tables, "合同约定 II 级 20 分钟响应"));

        // then: exactly the grade II respond deadlines change, and nothing is applied yet
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode check = Http.json(preview);
        assertThat(check.get("incidentCases").asInt()).isEqualTo(144);
        assertThat(check.get("vulnerabilityCases").asInt()).isPositive();
        assertThat(check.get("changes")).hasSize(1);
        JsonNode change = check.get("changes").get(0);
        assertThat(change.get("grade").asText()).isEqualTo("II");
        assertThat(change.get("field").asText()).isEqualTo("响应时限");
        assertThat(change.get("from").asText()).isEqualTo("30 分钟");
        assertThat(change.get("to").asText()).isEqualTo("20 分钟");
        assertThat(change.get("affected").asInt()).isEqualTo(GRADE_II_CASES);
        assertThat(change.get("description").asText())
                .isEqualTo("II 级 响应时限：30 分钟 → 20 分钟，影响 144 个用例中的 " + GRADE_II_CASES + " 个");
        assertThat(check.get("tableChanges").toString()).contains("sla[II].respondWithin", "PT30M", "PT20M");
        assertThat(activeVersion()).isEqualTo(versionBefore);
        assertThat(minutesToRespond(report())).isEqualTo(30);

        // when: applied
        HttpResponse<String> applied = http.postJson("sysadmin", "/api/rules/apply", change(tables, "合同约定 II 级 20 分钟响应"));

        // then: a new version, active at once, without a restart
        assertThat(applied.statusCode()).isEqualTo(201);
        int newVersion = Http.json(applied).get("version").asInt();
        assertThat(newVersion).isEqualTo(versionBefore + 1);
        assertThat(activeVersion()).isEqualTo(newVersion);
        JsonNode listed = Http.json(http.get("auditor", "/api/rules/versions")).get(0);
        assertThat(listed.get("version").asInt()).isEqualTo(newVersion);
        assertThat(listed.get("createdBy").asText()).isEqualTo("sysadmin");
        assertThat(listed.get("reason").asText()).isEqualTo("合同约定 II 级 20 分钟响应");
        assertThat(listed.get("active").asBoolean()).isTrue();

        // a new grade II incident is given 20 minutes, and says by which version
        JsonNode later = report();
        assertThat(minutesToRespond(later)).isEqualTo(20);
        assertThat(details(later).get("incident").get("ruleSetVersion").asInt()).isEqualTo(newVersion);
        assertThat(details(later).get("gradings").get(0).get("ruleSetVersion").asInt()).isEqualTo(newVersion);
        // the earlier incident keeps its 30 minutes and the version that gave them, its process too
        assertThat(minutesToRespond(earlier)).isEqualTo(30);
        assertThat(details(earlier).get("incident").get("ruleSetVersion").asInt()).isEqualTo(versionBefore);
        assertThat(details(earlier).get("gradings").get(0).get("ruleSetVersion").asInt()).isEqualTo(versionBefore);
        Date respondDue = (Date) runtimeService.getVariable(earlier.get("processInstanceId").asText(), "respondDue");
        assertThat(Duration.between(reportedAt(earlier), LocalDateTime.ofInstant(respondDue.toInstant(),
                java.time.ZoneId.systemDefault())).toMinutes()).isEqualTo(30);

        // the auditor reads the difference between the versions
        HttpResponse<String> diff = http.get("auditor", "/api/rules/versions/" + versionBefore + "/diff?to=" + newVersion);
        assertThat(diff.statusCode()).isEqualTo(200);
        JsonNode differences = Http.json(diff);
        assertThat(differences.get("tableChanges")).hasSize(1);
        assertThat(differences.get("tableChanges").get(0).get("cell").asText()).isEqualTo("sla[II].respondWithin");
        assertThat(differences.get("fileChanges").get(0).get("file").asText()).isEqualTo("incident-sla.drl");
        assertThat(differences.get("fileChanges").get(0).get("lines").toString())
                .contains("Duration.parse(\\\"PT30M\\\")", "Duration.parse(\\\"PT20M\\\")");

        // when: rolled back, one click
        HttpResponse<String> rolledBack = http.postJson("sysadmin", "/api/rules/versions/" + versionBefore + "/rollback",
                "{\"reason\":\"合同变更撤回\"}");

        // then: a new version equal to the old one
        assertThat(rolledBack.statusCode()).isEqualTo(201);
        JsonNode rollback = Http.json(rolledBack);
        assertThat(rollback.get("version").asInt()).isEqualTo(newVersion + 1);
        assertThat(rollback.get("basedOn").asInt()).isEqualTo(versionBefore);
        assertThat(rollback.get("changes").get(0).get("description").asText()).contains("20 分钟 → 30 分钟");
        JsonNode restored = Http.json(http.get("auditor", "/api/rules/active"));
        assertThat(restored.get("tables")).isEqualTo(Http.json(http.get("auditor", "/api/rules/versions/" + versionBefore)).get("tables"));
        assertThat(restored.get("summary").get("reason").asText()).isEqualTo("回退到版本 " + versionBefore + "：合同变更撤回");
        assertThat(minutesToRespond(report())).isEqualTo(30);
        assertThat(Http.json(http.get("auditor", "/api/rules/versions/" + versionBefore + "/diff?to=" + (newVersion + 1)))
                .get("fileChanges")).isEmpty();
    }

    @Test
    void gradingMatrixChangeShowsWhichGradesChange() {
        // given: 重要 × 严重 proposes II instead of III
        ObjectNode tables = activeTables();
        ((ObjectNode) tables.get("grading").get("matrix").get(1).get("grades")).put("严重", "II");

        // when
        HttpResponse<String> preview = http.postJson("sysadmin", "/api/rules/check", change(tables, "试验"));

        // then: the cases graded III by that cell alone (social impact 较大 or 一般, 2 × 3 reporters) become II,
        // with the deadlines of grade II
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode changes = Http.json(preview).get("changes");
        assertThat(changes.findValuesAsText("description")).contains("III 级 级别：III → II，影响 144 个用例中的 6 个",
                "III 级 响应时限：1 小时 → 30 分钟，影响 144 个用例中的 6 个");
        assertThat(Http.json(preview).get("tableChanges").toString()).contains("grading.matrix[重要].严重");
        assertThat(activeVersion()).isEqualTo(versionBefore);
    }

    @Test
    void vulnerabilityPointsChangeShowsWhichGradesChange() {
        // given: GB/T 30279's 访问路径 邻接 worth as much as 网络
        ObjectNode tables = activeTables();
        ((ObjectNode) tables.get("vulnerabilityGrading").get("points").get("accessPath")).put("邻接", 3);

        // when
        HttpResponse<String> preview = http.postJson("sysadmin", "/api/rules/check", change(tables, "试验"));

        // then: some vulnerability golden cases are graded more severely, and the cell is named
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode changes = Http.json(preview).get("changes");
        assertThat(changes.findValuesAsText("decision")).contains("漏洞");
        assertThat(Http.json(preview).get("tableChanges").toString())
                .contains("vulnerabilityGrading.points.accessPath.邻接");
        assertThat(activeVersion()).isEqualTo(versionBefore);
    }

    @Test
    void versionStoredByAnotherNodeIsPickedUpWithinSeconds() throws InterruptedException {
        // given: another node of the cluster applied a version (here: the same rules, stored as that node would)
        int other = versionBefore + 1;
        jdbc.update("""
                INSERT INTO rule_set_version (version, based_on, reason, tables_json, drl_files, generated_drl, created_by, created_at)
                SELECT ?, version, '另一节点生效', tables_json, drl_files, generated_drl, 'sysadmin', created_at
                  FROM rule_set_version WHERE version = ?""", other, versionBefore);

        // when: this node polls (every 3 s) and builds it
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (activeVersion() != other && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }

        // then: its decisions are made by that version, without a restart
        assertThat(activeVersion()).isEqualTo(other);
        assertThat(details(report()).get("incident").get("ruleSetVersion").asInt()).isEqualTo(other);
    }

    @Nested
    class BadCells {

        @Test
        void negativeDurationIsRefusedNamingTheCellAndNothingIsStored() {
            ObjectNode tables = activeTables();
            ((ObjectNode) slaRow(tables, "II")).put("respondWithin", "PT-5M");

            HttpResponse<String> response = http.postJson("sysadmin", "/api/rules/apply", change(tables, "试验"));

            assertThat(response.statusCode()).isEqualTo(400);
            JsonNode field = Http.json(response).get("fields").get(0);
            assertThat(field.get("field").asText()).isEqualTo("sla[1].respondWithin");
            assertThat(field.get("reason").asText()).contains("II 级", "PT-5M", "正的时长");
            assertThat(activeVersion()).isEqualTo(versionBefore);
            assertThat(jdbc.queryForObject("SELECT MAX(version) FROM rule_set_version", Integer.class)).isEqualTo(versionBefore);
        }

        @Test
        void unknownGradeUnknownReporterAndTextAreRefusedEachNamed() {
            ObjectNode tables = activeTables();
            ((ObjectNode) tables.get("sla").get(3)).put("grade", "V");
            ((ObjectNode) slaRow(tables, "I")).put("onSiteWithin", "一小时");
            ((ObjectNode) slaRow(tables, "I")).put("escalationGroup", "\"); System.exit(0); //");
            ((ObjectNode) tables.get("reportingDuty").get(0).get("firstReportWithin")).put("企业", "PT1H");
            ((ObjectNode) tables.get("grading").get("matrix").get(0).get("grades")).put("严重", "V");
            ((ObjectNode) tables.get("grading").get("socialImpact")).remove("一般");

            HttpResponse<String> response = http.postJson("sysadmin", "/api/rules/check", change(tables, "试验"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field")).contains("sla[3].grade", "sla",
                    "sla[0].onSiteWithin", "sla[0].escalationGroup", "reportingDuty[0].firstReportWithin.企业",
                    "grading.matrix[0].grades.严重", "grading.socialImpact.一般");
            assertThat(response.body()).contains("未知的事件级别 V", "缺少 IV 级");
        }
    }

    @Nested
    class BrokenDrl {

        @Test
        void badVulnerabilityCellsAreRefusedEachNamed() {
            ObjectNode tables = activeTables();
            ObjectNode grading = (ObjectNode) tables.get("vulnerabilityGrading");
            ((ObjectNode) grading.get("points").get("accessPath")).put("网络", 99);
            ((ObjectNode) grading.get("points").get("interaction")).remove("需要");
            ((ObjectNode) grading.get("impact")).put("中", 7);
            ((ObjectNode) grading.get("technical").get(0).get("grades")).put("高", "极危");
            ((ObjectNode) grading.get("cvssMinimum")).put("高危", 9.5);
            grading.put("raiseAtLeast", 0);

            HttpResponse<String> response = http.postJson("sysadmin", "/api/rules/check", change(tables, "试验"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").findValuesAsText("field")).contains(
                    "vulnerabilityGrading.points.accessPath.网络", "vulnerabilityGrading.points.interaction.需要",
                    "vulnerabilityGrading.impact.中", "vulnerabilityGrading.technical[0].grades.高",
                    "vulnerabilityGrading.cvssMinimum.高危", "vulnerabilityGrading.raiseAtLeast");
            assertThat(activeVersion()).isEqualTo(versionBefore);
        }

        @Test
        void syntaxErrorIsRefusedWithItsLineAndTheRunningRulesStay() {
            // given: expert mode on, a rule whose condition is cut off on line 7
            settings.setExpertMode(true);
            ObjectNode body = (ObjectNode) Http.json(http.get("sysadmin", "/api/rules/active"));
            ArrayNode files = (ArrayNode) body.get("drlFiles");
            ObjectNode broken = files.addObject();
            broken.put("name", "broken.drl");
            broken.put("content", """
                    package org.secflow.rules.incident.grading;

                    import org.secflow.decision.IncidentDecision;

                    rule "gradeBroken"
                    when
                        IncidentDecision(grade == )
                    then
                    end
                    """);
            ObjectNode change = newObject();
            change.set("tables", body.get("tables"));
            change.set("drlFiles", files);
            change.put("reason", "专家修改");

            // when
            HttpResponse<String> checked = http.postJson("sysadmin", "/api/rules/check", change.toString());
            HttpResponse<String> applied = http.postJson("sysadmin", "/api/rules/apply", change.toString());

            // then
            for (HttpResponse<String> response : java.util.List.of(checked, applied)) {
                assertThat(response.statusCode()).isEqualTo(400);
                JsonNode error = Http.json(response).get("errors").get(0);
                assertThat(error.get("file").asText()).isEqualTo("broken.drl");
                assertThat(error.get("line").asInt()).isEqualTo(7);
                assertThat(error.get("message").asText()).isNotBlank();
                assertThat(Http.json(response).get("fields").get(0).get("reason").asText()).startsWith("第 7 行");
            }
            assertThat(activeVersion()).isEqualTo(versionBefore);
            assertThat(report().get("grade").asText()).isEqualTo("II");
        }

        @Test
        void drlCannotBeChangedWhileExpertModeIsOff() {
            ObjectNode body = (ObjectNode) Http.json(http.get("sysadmin", "/api/rules/active"));
            ObjectNode file = (ObjectNode) body.get("drlFiles").get(0);
            file.put("content", file.get("content").asText() + "\n// changed\n");
            ObjectNode change = newObject();
            change.set("tables", body.get("tables"));
            change.set("drlFiles", body.get("drlFiles"));
            change.put("reason", "专家修改");

            HttpResponse<String> response = http.postJson("sysadmin", "/api/rules/apply", change.toString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Http.json(response).get("fields").get(0).get("field").asText()).isEqualTo("drlFiles");
            assertThat(activeVersion()).isEqualTo(versionBefore);
        }
    }

    @Nested
    class Permissions {

        @Test
        void staffAndAuditorsMayNotChangeRules() {
            String change = change(activeTables(), "试验");
            for (String user : java.util.List.of("engineer", "manager", "operator", "auditor")) {
                assertThat(http.postJson(user, "/api/rules/check", change).statusCode()).as(user).isEqualTo(403);
                assertThat(http.postJson(user, "/api/rules/apply", change).statusCode()).as(user).isEqualTo(403);
                assertThat(http.postJson(user, "/api/rules/versions/" + versionBefore + "/rollback", "{\"reason\":\"x\"}")
                        .statusCode()).as(user).isEqualTo(403);
            }
            assertThat(activeVersion()).isEqualTo(versionBefore);
        }

        @Test
        void auditorsReadVersionsAndDiffsStaffDoNot() {
            assertThat(http.get("auditor", "/api/rules/versions").statusCode()).isEqualTo(200);
            assertThat(http.get("auditor", "/api/rules/versions/1").statusCode()).isEqualTo(200);
            assertThat(http.get("auditor", "/api/rules/versions/1/diff").statusCode()).isEqualTo(200);
            assertThat(http.get("engineer", "/api/rules/versions").statusCode()).isEqualTo(403);
            assertThat(http.get("operator", "/api/rules/active").statusCode()).isEqualTo(403);
        }

        @Test
        void versionOneCameFromTheFilesInRules() {
            JsonNode first = Http.json(http.get("auditor", "/api/rules/versions/1"));
            assertThat(first.get("summary").get("createdBy").asText()).isEqualTo("system");
            assertThat(first.get("drlFiles").findValuesAsText("name"))
                    .containsExactly("incident-grading.drl", "vulnerability-grading.drl");
            assertThat(first.get("generatedFiles").findValuesAsText("name"))
                    .containsExactly("incident-grading-tables.drl", "incident-reporting.drl", "incident-sla.drl",
                            "vulnerability-grading-tables.drl");
            assertThat(first.get("tables").get("sla")).hasSize(4);
        }
    }

    // ---- helpers ----

    private static ObjectNode newObject() {
        return new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    }

    private int activeVersion() {
        return Http.json(http.get("sysadmin", "/api/rules/active")).get("summary").get("version").asInt();
    }

    private ObjectNode activeTables() {
        return (ObjectNode) Http.json(http.get("sysadmin", "/api/rules/active")).get("tables");
    }

    private static JsonNode slaRow(JsonNode tables, String grade) {
        for (JsonNode row : tables.get("sla")) {
            if (row.get("grade").asText().equals(grade)) {
                return row;
            }
        }
        throw new AssertionError("no SLA row for " + grade);
    }

    private static String change(JsonNode tables, String reason) {
        return Http.toJson(Map.of("tables", tables, "reason", reason));
    }

    private JsonNode report() {
        HttpResponse<String> response = http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = Http.json(response);
        assertThat(created.get("grade").asText()).isEqualTo("II");
        return created;
    }

    private JsonNode details(JsonNode created) {
        return Http.json(http.get("auditor", "/api/incidents/" + created.get("id").asLong()));
    }

    private LocalDateTime reportedAt(JsonNode created) {
        return LocalDateTime.parse(details(created).get("incident").get("reportedAt").asText().substring(0, 19));
    }

    /** Minutes from intake to the respond deadline, as the incident's record shows them. */
    private long minutesToRespond(JsonNode created) {
        JsonNode incident = details(created).get("incident");
        return Duration.between(LocalDateTime.parse(incident.get("reportedAt").asText().substring(0, 19)),
                LocalDateTime.parse(incident.get("respondDue").asText().substring(0, 19))).toMinutes();
    }
}
