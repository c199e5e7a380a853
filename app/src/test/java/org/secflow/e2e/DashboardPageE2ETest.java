package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.dashboard.DashboardSeed;
import org.secflow.incident.IncidentService;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard (/dashboard/) in a real headless Chromium on records of known counts ({@link DashboardSeed}, May
 * 2037): the auditor logs in, the figures shown equal the records, the 使用方 filter changes them and stays in
 * the URL, and the 大屏 mode fills 1920×1080 without a scroll bar. Screenshots in
 * {@code app/target/e2e-screenshots/dashboard/}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPageE2ETest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IncidentService incidents;
    @Autowired VulnerabilityService vulnerabilities;
    @Autowired IdentityService identityService;

    private WebDriver driver;
    private WebDriverWait wait;
    private Path screenshots;
    private Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        Staff.ensure(engine.getIdentityService());
        browser = Browser.start("dashboard", "1600,1100", "--hide-scrollbars");
        driver = browser.driver;
        screenshots = browser.screenshots;
        wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theFiguresShownAreTheRecordsAndTheWallScreenFitsWithoutScrolling() {
        DashboardSeed seed = new DashboardSeed(engine, incidents, vulnerabilities, identityService, port, 2037).plant();
        DashboardSeed.at(seed.now);
        String base = "http://localhost:" + port + "/dashboard/?" + seed.period;

        driver.get(base + "&unit=" + URLEncoder.encode(seed.unit, StandardCharsets.UTF_8));
        wait.until(d -> d.findElement(By.id("username")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys("auditor");
        driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
        wait.until(d -> text().contains("当前用户：auditor"));
        wait.until(d -> !d.findElements(By.cssSelector("[data-figure='incidents-open']")).isEmpty());

        // 7 open grade II incidents of the unit, 3 past their respond deadline, 4 due within 4 hours
        assertThat(figure("incidents-open")).isEqualTo("7");
        assertThat(figure("incidents-missed")).isEqualTo("3");
        assertThat(figure("incidents-approaching")).isEqualTo("4");
        assertThat(figure("incidents-II")).isEqualTo("7（超时 3）");
        assertThat(figure("vulnerabilities-found")).isEqualTo("2");
        assertThat(figure("fix-rate")).isEqualTo("50%");
        assertThat(figure("assets-total")).isEqualTo("3");
        assertThat(figure("assets-ungraded")).isEqualTo("1");
        assertThat(figure("assets-unfiled")).isEqualTo("1");
        assertThat(figure("assets-internet")).isEqualTo("1");
        assertThat(figure("assets-egov")).isEqualTo("2");
        assertThat(figure("tickets-total")).isEqualTo("3");
        assertThat(figure("tickets-in-time")).isEqualTo("33.3%");
        assertThat(figure("hosts-top")).isEqualTo(seed.ip + "（1）");
        assertThat(figure("breaches-total")).isEqualTo(String.valueOf(seed.expectedBreachTotal));
        // every chart is drawn, and each panel links to its records
        wait.until(d -> d.findElements(By.cssSelector(".panel .chart canvas")).size() >= 10);
        assertThat(driver.findElement(By.cssSelector("#panel-incidents a.records")).getAttribute("href"))
                .contains("/audit/?item=7.5.1&status=running&" + seed.period);
        assertThat(driver.findElement(By.id("pdf")).getAttribute("href")).contains("/api/dashboard/report?", "format=pdf");
        assertThat(driver.findElement(By.id("f-unit")).getAttribute("value")).isEqualTo(seed.unit);
        shot("dashboard");

        // without the unit, the incident on another address counts too; the URL keeps the filters
        driver.findElement(By.id("f-unit")).clear();
        driver.findElement(By.cssSelector("#filters button[type='submit']")).click();
        wait.until(d -> "8".equals(figure("incidents-open")));
        assertThat(driver.getCurrentUrl()).contains(seed.period).doesNotContain("unit=");

        // 大屏: 1920×1080, dark, every panel on the screen and nothing to scroll
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1920, "height", 1080, "deviceScaleFactor", 1, "mobile", false));
        driver.get(base + "&unit=" + URLEncoder.encode(seed.unit, StandardCharsets.UTF_8) + "&screen=1");
        wait.until(d -> "7".equals(figure("incidents-open")));
        wait.until(d -> d.findElements(By.cssSelector(".panel .chart canvas")).size() >= 10);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        long innerHeight = ((Number) js.executeScript("return window.innerHeight")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertThat(innerWidth).isEqualTo(1920);
        assertThat(innerHeight).isEqualTo(1080);
        assertThat(((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue())
                .isLessThanOrEqualTo(innerHeight);
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue())
                .isLessThanOrEqualTo(innerWidth);
        assertThat((Boolean) js.executeScript("return document.body.classList.contains('screen')")).isTrue();
        assertThat(driver.findElement(By.id("status")).getText()).contains("数据更新于", "每 60 秒自动刷新");
        // all eleven panels are inside the screen
        assertThat(((Number) js.executeScript("return Array.from(document.querySelectorAll('.panel'))"
                + ".filter(p => p.getBoundingClientRect().bottom <= window.innerHeight + 0.5).length")).intValue())
                .isEqualTo(11);
        shot("dashboard-screen");
    }

    /** A figure as shown; null while the panel is being drawn again (the element found a moment ago is gone). */
    private String figure(String key) {
        try {
            var found = driver.findElements(By.cssSelector("[data-figure='" + key + "']"));
            return found.isEmpty() ? null : found.get(0).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
        }
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private void shot(String name) {
        browser.shot(name);
    }
}
