package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps as the staff meet them, in a real (headless) Chromium: an operator starts 应急响应 7.5.1
 * through its start form, the engineer completes 分析研判事件, a manager claims and completes
 * 调配资源并启动预案; on the way the branding, the Chinese labels, the missing "migrate to Camunda 8"
 * banner and the Chinese validation message of a Camunda Form are checked, and the auditors' and
 * administrators' apps are looked at. Runs with {@code ./mvnw -Pe2e verify} only; screenshots in
 * {@code app/target/e2e-screenshots/}.
 *
 * <p>The browser's language is English on purpose: Chinese must be the default all the same.
 * Chromium runs in the Asia/Shanghai time zone, as the staff's computers do.
 */
@IntegrationTest // @SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebappsE2ETest {

    private static final String PRODUCT = "SecFlow";
    private static final String INCIDENT_TITLE = "门户网站首页被篡改（端到端测试）";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;

    /** A failed step leaves a screenshot of what the browser showed. */
    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                shot("FAILED-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    private WebDriver driver;
    private WebDriverWait wait;
    private Path screenshots;
    private Browser browser;
    private int shotNumber;

    @BeforeAll
    void startBrowser() throws IOException {
        Staff.ensure(identityService);
        browser = Browser.start("", "1400,1000");
        driver = browser.driver;
        screenshots = browser.screenshots;
        try (var old = Files.list(screenshots)) {
            for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.delete(png);
            }
        }
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void loginPageIsChineseAndBranded() {
        driver.manage().deleteAllCookies();
        driver.get(app("tasklist"));
        WebElement username = visible(By.cssSelector("input[ng-model='username']"));
        wait.until(d -> d.getTitle().contains(PRODUCT));

        assertThat(username.getAttribute("placeholder")).isEqualTo("用户名");
        assertThat(driver.findElement(By.cssSelector("input[ng-model='password']")).getAttribute("placeholder"))
                .isEqualTo("密码");
        assertThat(driver.findElement(By.cssSelector("button[type='submit']")).getText()).isEqualTo("登录");
        assertThat(driver.getTitle()).contains("任务中心");
        assertNoUpstreamAdvertising();
        shot("tasklist-login");
    }

    @Test
    @Order(2)
    void operatorStartsEmergencyResponseThroughItsStartForm() {
        login("operator");
        assertBranded("任务中心");
        WebElement footer = driver.findElement(By.cssSelector("[cam-widget-footer]"));
        assertThat(footer.getText()).contains("日期和时间按本地时区显示", "Asia/Shanghai", "中文", "English")
                .doesNotContain("非北京时间", "Powered by");
        assertThat(text()).contains("本组待办", "发起流程", "新建任务");

        click(By.xpath("//a[contains(normalize-space(.), '发起流程')]"));
        click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='应急响应 7.5.1']"));
        WebElement title = visible(field("title"));
        shot("tasklist-start-form");

        // a required field left empty: the form names it, in Chinese, and cannot be submitted
        title.sendKeys("x");
        clear(title);
        driver.findElement(field("subcategory")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".fjs-form-field-error")));
        assertThat(error.getText()).isEqualTo("「事件标题」为必填项，请填写。");
        WebElement startButton = driver.findElement(By.xpath("//div[contains(@class,'modal-footer')]//button[contains(@class,'btn-primary')]"));
        assertThat(startButton.getText()).isEqualTo("发起");
        assertThat(startButton.isEnabled()).as("start button with a missing required field").isFalse();
        shot("tasklist-start-form-required-field");

        title.sendKeys(INCIDENT_TITLE);
        driver.findElement(field("description")).sendKeys("首页出现非法标语，已切换维护页面");
        select("category", "网络攻击事件");
        driver.findElement(field("subcategory")).sendKeys("网页篡改");
        select("objectImportance", "一般");
        select("systemLoss", "较小");
        select("socialImpact", "一般");
        select("reporterType", "其他网络运营者");
        driver.findElement(field("affectedAssets")).sendKeys("www.example.gov.cn");
        assertThat(driver.findElements(By.cssSelector(".fjs-form-field-error"))).isEmpty();
        shot("tasklist-start-form-filled");
        wait.until(ExpectedConditions.elementToBeClickable(startButton)).click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        wait.until(d -> text().contains("流程已发起。"));
        shot("tasklist-process-started");

        ProcessInstance instance = incidentInstance();
        assertThat(instance).as("the process instance started from the browser").isNotNull();
        assertThat(openTask(instance, "userTask_analyseIncident")).isNotNull();
    }

    @Test
    @Order(3)
    void engineerCompletesTheAnalysis() {
        ProcessInstance instance = incidentInstance();
        login("engineer");
        assertBranded("任务中心");
        openFromGroupTasks("分析研判事件");
        claim(instance, "userTask_analyseIncident", "engineer");

        WebElement analysis = visible(field("analysis"));
        assertThat(text()).contains("研判分析", INCIDENT_TITLE);
        // cannot be completed without its required field, and says which field
        analysis.sendKeys("x");
        clear(analysis);
        driver.findElement(field("title")).click();
        WebElement error = visible(By.cssSelector(".fjs-form-field-error"));
        assertThat(error.getText()).isEqualTo("「研判分析」为必填项，请填写。");
        WebElement complete = completeButton();
        assertThat(complete.getText()).isEqualTo("完成");
        assertThat(complete.isEnabled()).as("complete button with a missing required field").isFalse();
        scrollIntoView(error);
        shot("tasklist-analysis-required-field");
        assertThat(openTask(instance, "userTask_analyseIncident")).isNotNull();

        analysis.sendKeys("首页被植入非法标语，判断为网页篡改，影响范围仅限门户网站。");
        // the re-grading fields are required but hidden while 重新定级 is not ticked: left empty, and the
        // server (which holds every submission to the form) accepts the form with its read-only values sent back
        assertThat(driver.findElements(field("regradeReason"))).isEmpty();
        shot("tasklist-analysis-filled");
        wait.until(ExpectedConditions.elementToBeClickable(complete)).click();
        wait.until(d -> openTask(instance, "userTask_analyseIncident") == null);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-form")));
        shot("tasklist-analysis-completed");
        assertThat(openTask(instance, "userTask_dispatchResources")).isNotNull();
    }

    @Test
    @Order(4)
    void managerClaimsAndCompletesTheDispatch() {
        ProcessInstance instance = incidentInstance();
        login("manager");
        openFromGroupTasks("调配资源并启动预案");
        assertThat(text()).contains("认领");
        claim(instance, "userTask_dispatchResources", "manager");

        visible(field("planReference")).sendKeys("GZ-YA-2025-07");
        driver.findElement(field("responseTeam")).sendKeys("技术组 2 人远程值守，运维组 1 人到场");
        select("responseMode", "现场控制");
        shot("tasklist-dispatch-filled");
        wait.until(ExpectedConditions.elementToBeClickable(completeButton())).click();
        wait.until(d -> openTask(instance, "userTask_dispatchResources") == null);
        shot("tasklist-dispatch-completed");
        assertThat(openTask(instance, "userTask_onSiteControl")).as("on-site control follows the dispatch").isNotNull();
    }

    @Test
    @Order(5)
    void auditorsCockpitIsChineseAndBranded() {
        login("auditor", "cockpit");
        assertBranded("流程监控");
        wait.until(d -> text().contains("运行中的流程实例"));
        assertThat(text()).contains("流程", "决策", "已部署", "流程定义");
        shot("cockpit-dashboard");

        driver.get(app("cockpit") + "#/processes");
        wait.until(d -> text().contains("应急响应 7.5.1"));
        assertThat(text()).contains("个流程定义已部署");
        shot("cockpit-processes");

        driver.get(app("cockpit") + "#/decisions");
        wait.until(d -> text().contains("没有已部署的决策表") || text().contains("个决策定义"));
        shot("cockpit-decisions");
    }

    @Test
    @Order(6)
    void administratorsAdminAndWelcomePage() {
        login("admin", "admin");
        assertBranded("系统管理");
        driver.get(app("admin") + "#/users");
        wait.until(d -> text().contains("用户列表"));
        assertThat(text()).contains("添加用户", "电子邮箱", "编辑");
        shot("admin-users");

        driver.get(app("cockpit") + "#/repository");
        wait.until(d -> text().contains("部署时间"));
        assertNoUpstreamAdvertising();
        shot("cockpit-deployments");

        driver.get(app("welcome"));
        wait.until(d -> text().contains("链接"));
        assertBranded("首页");
        assertThat(text()).contains("任务中心 · 办理待办任务", "流程监控 · 审计与追溯", "系统管理 · 用户、组与授权",
                "部署管理 · 流程、表单与决策");
        shot("welcome");
    }

    @Test
    @Order(7)
    void englishStaysSelectable() {
        login("engineer");
        click(By.xpath("//footer//a[normalize-space(.)='English']"));
        wait.until(d -> text().contains("Date and Time displayed in local timezone"));
        wait.until(d -> d.getTitle().contains("Tasklist"));
        assertThat(text()).doesNotContain("migrate to Camunda 8");
        shot("tasklist-english");
        click(By.xpath("//footer//a[normalize-space(.)='中文']"));
        wait.until(d -> text().contains("日期和时间按本地时区显示"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String app(String name) {
        return "http://localhost:" + port + "/camunda/app/" + name + "/default/";
    }

    private void login(String user) {
        login(user, "tasklist");
    }

    private void login(String user, String appName) {
        driver.manage().deleteAllCookies();
        driver.get(app(appName));
        visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        visible(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name"));
    }

    private void assertBranded(String appName) {
        WebElement brand = visible(By.cssSelector("[cam-widget-header] .navbar-brand"));
        assertThat(brand.getText()).contains(PRODUCT, "政务外网安全服务合规引擎", appName);
        String logo = (String) ((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.querySelector('[cam-widget-header] .brand-logo')).backgroundImage;");
        assertThat(logo).contains("secflow-logo.svg");
        wait.until(d -> d.getTitle().contains(PRODUCT));
        assertThat(driver.getTitle()).contains(PRODUCT, appName);
        assertNoUpstreamAdvertising();
    }

    private void assertNoUpstreamAdvertising() {
        assertThat(text()).doesNotContain("migrate to Camunda 8", "It is time to migrate", "Powered by");
        for (WebElement banner : driver.findElements(By.cssSelector(".ce-eol-banner"))) {
            assertThat(banner.isDisplayed()).as("Camunda 8 migration banner").isFalse();
            assertThat(banner.getText()).isEmpty();
        }
    }

    private void openFromGroupTasks(String taskName) {
        click(By.xpath("//*[contains(@class,'filters')]//*[normalize-space(text())='本组待办']"));
        click(By.xpath("//*[contains(@class,'tasks-list')]//*[normalize-space(.)='" + taskName + "']"));
        wait.until(d -> !d.findElements(By.cssSelector(".fjs-form")).isEmpty());
    }

    /** Claims the open task with the Tasklist's 认领 link; then the assignee shows in the task's header. */
    private void claim(ProcessInstance instance, String taskKey, String user) {
        click(By.xpath("//*[self::a or self::button][normalize-space(.)='认领']"));
        wait.until(d -> user.equals(openTask(instance, taskKey).getAssignee()));
        visible(By.cssSelector("[ng-click='unclaim()']"));
    }

    private WebElement completeButton() {
        return visible(By.xpath("//button[@type='submit' and normalize-space(.)='完成']"));
    }

    /** The input of a Camunda Form (form-js) field by its key. */
    private static By field(String key) {
        return By.cssSelector("[id$='-Field_" + key + "']:not([id$='-display'])");
    }

    /** Picks an option of a form-js select (a drop-down list, not a native select). */
    private void select(String key, String label) {
        WebElement display = visible(By.cssSelector("[id$='-Field_" + key + "-display']"));
        scrollIntoView(display);
        display.click();
        click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + label + "']"));
        wait.until(d -> d.findElement(By.cssSelector("[id$='-Field_" + key + "-display']")).getText().equals(label));
    }

    private void clear(WebElement input) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        scrollIntoView(element);
        element.click();
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void scrollIntoView(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private ProcessInstance incidentInstance() {
        List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey("emergencyResponse").variableValueEquals("title", INCIDENT_TITLE).list();
        return instances.isEmpty() ? null : instances.get(0);
    }

    private Task openTask(ProcessInstance instance, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
    }

    private void shot(String name) {
        browser.shot(String.format("%02d-%s", ++shotNumber, name));
    }
}
