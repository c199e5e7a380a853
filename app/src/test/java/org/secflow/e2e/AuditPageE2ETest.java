package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auditors' history page (/audit/) in a real headless Chromium: the auditor logs in on the page,
 * finds a 边界安全 service finished by this test among the completed ones, and sees its BPMN diagram
 * with the executed path and a badge per clause, and the clause trace beside it. Screenshots in
 * {@code app/target/e2e-screenshots/} (audit/*.png). A second auditor finds a service by its subject and opens
 * the shared review step it called into that step's own executed path, and comes back.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPageE2ETest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

    /** A failed step leaves a screenshot of what the browser showed. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher screenshotOnFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (driver != null) {
                shot("FAILED-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    private WebDriver driver;
    private WebDriverWait wait;
    private Path screenshots;
    private Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        Staff.ensure(engine.getIdentityService());
        // a folder of its own: WebappsE2ETest clears the PNGs directly in the screenshots folder
        browser = Browser.start("audit", "1600,1100");
        driver = browser.driver;
        screenshots = browser.screenshots;
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    /** Each test begins logged out, whatever the one before left behind. */
    @BeforeEach
    void loggedOut() {
        driver.manage().deleteAllCookies();
    }

    @Test
    void auditorSeesTheDiagramWithPathAndClauseBadgesAndTheTrace() {
        ProcessInstance finished = finishedBoundaryService();

        driver.get("http://localhost:" + port + "/audit/");
        WebElement username = visible(By.id("username"));
        assertThat(text()).contains("登录", "审计人员");
        shot("audit-login");
        username.sendKeys("auditor");
        driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
        wait.until(d -> text().contains("当前用户：auditor"));

        wait.until(d -> new Select(d.findElement(By.id("f-item"))).getOptions().size() > 10);
        new Select(driver.findElement(By.id("f-item"))).selectByValue("7.2.1");
        new Select(driver.findElement(By.id("f-status"))).selectByValue("completed");
        driver.findElement(By.cssSelector("#filters button[type='submit']")).click();
        By row = By.cssSelector("tr.instance-row[data-id='" + finished.getId() + "']");
        // the list is drawn again when the filtered answer arrives: wait for that list, not the first one
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("tr.instance-row"));
            return !d.findElements(row).isEmpty() && rows.stream()
                    .allMatch(tr -> tr.getText().contains("7.2.1 边界安全") && tr.getText().contains("已结束"));
        });
        assertThat(driver.findElement(By.id("period-report-pdf")).getAttribute("href"))
                .contains("/api/compliance/summary/report?item=7.2.1", "format=pdf");
        shot("audit-list");

        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(row).click();
            return true;
        });
        wait.until(d -> d.findElements(By.cssSelector(".clause-badge")).size() >= 7);
        wait.until(d -> !d.findElements(By.cssSelector(".djs-element.audit-done")).isEmpty());

        List<String> badges = driver.findElements(By.cssSelector(".clause-badge")).stream().map(WebElement::getText).toList();
        assertThat(badges).contains("7.2.1.1", "7.2.1.3", "7.2.1.4", "7.2.1.7");
        assertThat(driver.findElements(By.cssSelector(".clause-badge.done"))).hasSizeGreaterThanOrEqualTo(7);
        assertThat(driver.findElements(By.cssSelector(".djs-element.audit-done[data-element-id='userTask_configureProtection']")))
                .hasSize(1);
        assertThat(driver.findElements(By.cssSelector(".djs-connection.audit-flow-taken[data-element-id='flow_toEnd']")))
                .hasSize(1);
        String trace = driver.findElement(By.id("trace")).getText();
        assertThat(trace).contains("7.2.1.1", "与使用方确认边界安全的需求", "已完成", "operator", "engineer");
        assertThat(driver.findElement(By.id("detail-title")).getText()).contains("服务项目 7.2.1");
        assertThat(driver.findElement(By.id("report-pdf")).getAttribute("href"))
                .contains("/api/compliance/instances/" + finished.getId() + "/report?format=pdf");
        assertThat(driver.getCurrentUrl()).endsWith("#instance=" + finished.getId());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('detail').scrollIntoView({block: 'start'})");
        shot("audit-instance");

        // logging out and in again needs the new session's CSRF token: the page must find it
        driver.findElement(By.id("logout")).click();
        visible(By.id("username")).sendKeys("auditor");
        driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
        wait.until(d -> text().contains("当前用户：auditor"));
        wait.until(d -> !d.findElements(By.cssSelector(".clause-badge")).isEmpty());
    }

    @Test
    void auditorFindsAServiceByItsSubjectAndOpensTheSharedStepsItCalled() {
        String unit = "广州市浏览器测试局" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String subject = unit + "：出口边界防护开通";
        ProcessInstance finished = boundaryServiceSentBackOnce(unit);
        String review = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .superProcessInstanceId(finished.getId()).processDefinitionKey("reviewAndAuthorize").singleResult().getId();

        openAsAuditor();
        driver.findElement(By.id("f-q")).sendKeys(unit);
        driver.findElement(By.cssSelector("#filters button[type='submit']")).click();
        By row = By.cssSelector("tr.instance-row[data-id='" + finished.getId() + "']");
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("tr.instance-row"));
            return rows.size() == 1 && !d.findElements(row).isEmpty();
        });
        String subjectCell = wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("tr.instance-row td.subject")).getText());
        assertThat(subjectCell).as("the subject, not the instance id").isEqualTo(subject);
        shot("audit-search-by-subject");

        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(row).click();
            return true;
        });
        wait.until(d -> d.findElements(By.cssSelector(".clause-badge")).size() >= 7);
        wait.until(d -> d.findElement(By.id("trace")).getText().contains("第 2 轮"));
        String trace = driver.findElement(By.id("trace")).getText();
        assertThat(trace).contains("评审并获取授权（共用）", "共 2 轮", "缺少开通计划的回退窗口", "同意实施", "manager（管理类）");
        assertThat(driver.findElement(By.id("detail-meta")).getText()).contains(subject);

        By openReview = By.cssSelector("button.open-called[data-id='" + review + "']");
        wait.until(ExpectedConditions.elementToBeClickable(openReview)).click();
        wait.until(d -> !d.findElements(By.cssSelector(
                ".djs-element.audit-done[data-element-id='userTask_revisePlan']")).isEmpty());
        assertThat(driver.findElement(By.id("diagram-where")).getText()).contains("评审并获取授权（共用）", "7.2.1.3");
        assertThat(driver.findElements(By.cssSelector(".djs-connection.audit-flow-taken[data-element-id='flow_revised']")))
                .hasSize(1);
        List<String> badges = driver.findElements(By.cssSelector(".clause-badge.done")).stream().map(WebElement::getText).toList();
        assertThat(badges).contains("7.2.1.3");
        shot("audit-shared-step");

        driver.findElement(By.id("diagram-back")).click();
        wait.until(d -> !d.findElements(By.cssSelector(".djs-element[data-element-id='callActivity_reviewPlan']")).isEmpty());
        assertThat(driver.findElement(By.id("diagram-path")).isDisplayed()).isFalse();
        assertThat(driver.findElements(By.cssSelector(".clause-badge"))).hasSizeGreaterThanOrEqualTo(7);
    }

    /** The page, logged in as the auditor (the browser may still hold the session of another test). */
    private void openAsAuditor() {
        driver.get("http://localhost:" + port + "/audit/");
        wait.until(d -> d.findElement(By.id("username")).isDisplayed() || text().contains("当前用户：auditor"));
        if (driver.findElement(By.id("username")).isDisplayed()) {
            driver.findElement(By.id("username")).sendKeys("auditor");
            driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
            driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
            wait.until(d -> text().contains("当前用户：auditor"));
        }
        wait.until(d -> new Select(d.findElement(By.id("f-item"))).getOptions().size() > 10);
    }

    private ProcessInstance boundaryServiceSentBackOnce(String unit) {
        ProcessDriver process = new ProcessDriver(engine);
        ProcessInstance pi = process.start("operator", "boundarySecurity",
                Map.of("requestingUnit", unit, "requestSummary", "出口边界防护开通"));
        process.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        process.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "方案",
                "deviceParameters", "参数", "activationSchedule", "计划"));
        process.rejectReviewAndRevise(pi, "缺少开通计划的回退窗口", "修订后的方案：含回退窗口");
        process.approveReview(pi, "SQ-E2E-SUBJECT");
        process.complete(pi, "userTask_configureProtection", "operator", Map.of("accessPolicies", "策略",
                "virusDatabaseVersion", "v1", "intrusionRules", "规则", "vpnTunnels", "无", "monitoringEnabled", true));
        process.complete(pi, "userTask_controlNetworkAccess", "operator", Map.of("admissionDevices", "NAC",
                "unauthorizedFindings", "无", "restrictionMeasures", "无"));
        process.confirmWithoutImpact(pi);
        process.recordService(pi, "完成", "");
        assertThat(process.isEnded(pi)).isTrue();
        return pi;
    }

    private ProcessInstance finishedBoundaryService() {
        ProcessDriver process = new ProcessDriver(engine);
        ProcessInstance pi = process.startRequest("operator", "boundarySecurity");
        process.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("protectionScope", "出口",
                "protectedObjects", "防火墙", "accessRules", "最小开放"));
        process.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "方案",
                "deviceParameters", "参数", "activationSchedule", "计划"));
        process.approveReview(pi, "SQ-E2E-AUDIT");
        process.complete(pi, "userTask_configureProtection", "operator", Map.of("accessPolicies", "策略",
                "virusDatabaseVersion", "v1", "intrusionRules", "规则", "vpnTunnels", "无", "monitoringEnabled", true));
        process.complete(pi, "userTask_controlNetworkAccess", "operator", Map.of("admissionDevices", "NAC",
                "unauthorizedFindings", "无", "restrictionMeasures", "无"));
        process.confirmWithoutImpact(pi);
        process.recordService(pi, "完成", "");
        assertThat(process.isEnded(pi)).isTrue();
        return pi;
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
