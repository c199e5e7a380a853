package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * 规则管理 (/rules/) in a real headless Chromium: the system administrator changes grade II's response from
 * 30 to 20 minutes in the table, the preview lists the changed cases, applies; a new grade II incident gets 20
 * minutes without a restart, the one reported before keeps 30 minutes and the old version; then rolls back
 * with one click. With the expert mode on, a DRL file that does not build is refused with its error marked on its
 * line in the editor. Screenshots in {@code app/target/e2e-screenshots/rules/}.
 */
@IntegrationTest
@TestPropertySource(properties = "secflow.rules.expert-mode=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesPageE2ETest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    private WebDriver driver;
    private WebDriverWait wait;
    private Path screenshots;
    private Browser browser;
    private Http http;
    private int versionBefore;

    @BeforeAll
    void startBrowser() throws IOException {
        Staff.ensure(engine.getIdentityService());
        http = new Http(port);
        versionBefore = activeVersion();
        browser = Browser.start("rules", "1500,1400");
        driver = browser.driver;
        screenshots = browser.screenshots;
        // building a rule set takes seconds on a loaded machine
        wait = new WebDriverWait(driver, Duration.ofSeconds(120));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void administratorSeesWhichVulnerabilityGradesAPointsCellChanges() {
        int active = activeVersion();
        logInAsSystemAdministrator();
        wait.until(d -> text().contains("漏洞分级（GB/T 30279—2020"));

        // 访问路径 邻接 worth as much as 网络
        WebElement adjacent = driver.findElement(By.cssSelector("input[data-field='vulnerabilityGrading.points.accessPath.邻接']"));
        assertThat(adjacent.getAttribute("value")).isEqualTo("2");
        adjacent.clear();
        adjacent.sendKeys("3");
        driver.findElement(By.id("reason")).sendKeys("试算：邻接与网络同分");
        driver.findElement(By.id("check")).click();
        wait.until(d -> text().contains("vulnerabilityGrading.points.accessPath.邻接：2 → 3"));
        assertThat(driver.findElement(By.id("changes")).getText()).contains("漏洞");
        shot("rules-vulnerability-preview");
        assertThat(activeVersion()).isEqualTo(active);
    }

    @Test
    void expertSeesTheBuildErrorOnItsLineAndNothingChanges() {
        int active = activeVersion();
        logInAsSystemAdministrator();
        WebElement editor = visible(By.cssSelector(".drl-editor[data-name='vulnerability-grading.drl'] .cm-content"));
        // the editor highlights DRL: keywords are drawn apart from the text around them
        assertThat(editor.findElements(By.xpath(".//span[normalize-space(.)='rule']"))).isNotEmpty();

        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), Keys.ENTER, "rule broken when NoSuchFact() then end");
        driver.findElement(By.id("reason")).sendKeys("试验：写错的规则");
        driver.findElement(By.id("check")).click();

        wait.until(d -> d.findElement(By.id("messages")).getText().contains("vulnerability-grading.drl：第"));
        visible(By.cssSelector(".drl-editor[data-name='vulnerability-grading.drl'] .cm-lint-marker-error"));
        shot("rules-expert-error");
        assertThat(driver.findElement(By.id("apply")).isEnabled()).isFalse();
        assertThat(activeVersion()).isEqualTo(active);
    }

    @Test
    void administratorChangesGradeIIRespondPreviewsAppliesAndRollsBack() {
        JsonNode earlier = report();

        logInAsSystemAdministrator();
        wait.until(d -> text().contains("当前生效：版本 " + versionBefore));
        assertThat(text()).contains("服务时限", "报告义务", "专家模式：规则文件（DRL）");

        WebElement respond = driver.findElement(By.cssSelector("input[data-field='sla[1].respondWithin']"));
        assertThat(respond.getAttribute("value")).isEqualTo("PT30M");
        respond.clear();
        respond.sendKeys("PT20M");
        wait.until(d -> text().contains("20 分钟"));
        driver.findElement(By.id("reason")).sendKeys("合同约定 II 级 20 分钟响应");
        assertThat(driver.findElement(By.id("apply")).isEnabled()).isFalse();
        driver.findElement(By.id("check")).click();
        wait.until(d -> text().contains("II 级 响应时限：30 分钟 → 20 分钟，影响 144 个用例中的 45 个"));
        assertThat(text()).contains("sla[II].respondWithin：PT30M → PT20M");
        shot("rules-preview");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("apply"))).click();
        wait.until(d -> text().contains("版本 " + (versionBefore + 1) + " 已生效"));
        wait.until(d -> text().contains("当前生效：版本 " + (versionBefore + 1)));
        shot("rules-applied");

        JsonNode later = report();
        assertThat(minutesToRespond(later)).isEqualTo(20);
        assertThat(incident(later).get("ruleSetVersion").asInt()).isEqualTo(versionBefore + 1);
        assertThat(minutesToRespond(earlier)).isEqualTo(30);
        assertThat(incident(earlier).get("ruleSetVersion").asInt()).isEqualTo(versionBefore);

        driver.findElement(By.cssSelector("button.rollback[data-version='" + versionBefore + "']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("合同变更撤回");
        driver.switchTo().alert().accept();
        wait.until(d -> text().contains("已回退：版本 " + (versionBefore + 2)));
        wait.until(d -> "PT30M".equals(d.findElement(By.cssSelector("input[data-field='sla[1].respondWithin']"))
                .getAttribute("value")));
        shot("rules-rolled-back");
        assertThat(minutesToRespond(report())).isEqualTo(30);
    }

    private int activeVersion() {
        return Http.json(http.get("sysadmin", "/api/rules/active")).get("summary").get("version").asInt();
    }

    private JsonNode report() {
        return Http.json(http.postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal())));
    }

    private JsonNode incident(JsonNode created) {
        return Http.json(http.get("auditor", "/api/incidents/" + created.get("id").asLong())).get("incident");
    }

    private long minutesToRespond(JsonNode created) {
        JsonNode incident = incident(created);
        return Duration.between(LocalDateTime.parse(incident.get("reportedAt").asText().substring(0, 19)),
                LocalDateTime.parse(incident.get("respondDue").asText().substring(0, 19))).toMinutes();
    }

    /** Each test starts logged out (the browser is shared) and logs in to /rules/ as the system administrator. */
    private void logInAsSystemAdministrator() {
        driver.manage().deleteAllCookies();
        driver.get("http://localhost:" + port + "/rules/");
        visible(By.id("username")).sendKeys("sysadmin");
        driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
