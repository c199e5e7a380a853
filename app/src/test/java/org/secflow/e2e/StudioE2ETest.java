package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The studio (/studio/) in a real headless Chromium, as the issue's administrator uses it: open 7.2.3's model, add a
 * person's step without a clause and see it marked before deploying; give it a group, a new form made in the form
 * editor and a clause; deploy; the diff of the two versions shows that step; an instance that waited at a step of
 * both versions is migrated; a new instance reaches the new step and an engineer completes it in the Tasklist with
 * the new form. Screenshots in {@code app/target/e2e-screenshots/studio/}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioE2ETest {

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;

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
        browser = Browser.start("studio", "1600,1300");
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

    @Test
    void administratorAddsAStepWithItsFormDeploysComparesAndMigrates() {
        ProcessDriver process = new ProcessDriver(engine);
        ProcessInstance waiting = process.startRequest("operator", "webSecurity");
        ProcessDefinition before = latest();

        newDraftOf(before);

        // a person's step put between the start and the first step, without a clause
        script("""
                const m = secflowStudio.modeler();
                const registry = m.get('elementRegistry');
                const modeling = m.get('modeling');
                const flow = registry.get('flow_toRequirement');
                const next = registry.get('userTask_confirmRequirement');
                const task = m.get('bpmnFactory').create('bpmn:UserTask', {id: 'userTask_briefing'});
                const shape = modeling.createShape({type: 'bpmn:UserTask', businessObject: task},
                    {x: next.x + next.width / 2, y: next.y + 160}, next.parent);
                modeling.reconnectEnd(flow, shape, {x: shape.x, y: shape.y + shape.height / 2});
                modeling.connect(shape, next);
                modeling.updateProperties(shape, {name: '需求交底', 'camunda:candidateGroups': 'technical'});
                """);
        click(By.id("check"));
        visible(By.cssSelector(".djs-element.problem[data-element-id='userTask_briefing']"));
        String problems = visible(By.id("problems")).getText();
        assertThat(problems).contains("userTask_briefing", "clause", "formRef");
        shot("studio-check-markers");

        // its clause, its form id, and a form made in the form editor
        script("""
                const m = secflowStudio.modeler();
                const task = m.get('elementRegistry').get('userTask_briefing');
                const moddle = m.get('moddle');
                const clause = moddle.create('camunda:Property', {name: 'clause', value: '7.2.3.1'});
                const properties = moddle.create('camunda:Properties', {values: [clause]});
                m.get('modeling').updateProperties(task, {'camunda:formRef': 'web-security-briefing',
                    'camunda:formRefBinding': 'deployment',
                    extensionElements: moddle.create('bpmn:ExtensionElements', {values: [properties]})});
                m.get('selection').select(task);
                """);
        click(By.id("edit-form"));
        wait.until(d -> !d.findElements(By.cssSelector("#form-editor .fjs-editor-container")).isEmpty());
        script("""
                return secflowStudio.formEditor().importSchema({type: 'default', id: 'web-security-briefing',
                    schemaVersion: 16, components: [{type: 'textarea', id: 'Field_briefing', key: 'briefing',
                    label: '需求交底记录', validate: {required: true}}]});
                """);
        wait.until(d -> d.findElement(By.id("form-editor")).getText().contains("需求交底记录"));
        shot("studio-form-editor");
        click(By.id("form-apply"));
        click(By.id("check"));
        wait.until(d -> d.findElement(By.id("message")).getText().contains("检查通过"));
        assertThat(driver.findElements(By.cssSelector(".djs-element.problem"))).isEmpty();

        click(By.id("deploy"));
        wait.until(d -> d.findElement(By.id("message")).getText().contains("已部署 webSecurity 第 " + (before.getVersion() + 1) + " 版"));
        ProcessDefinition after = latest();
        assertThat(after.getVersion()).isEqualTo(before.getVersion() + 1);
        assertThat(engine.getRepositoryService().getDeploymentResourceNames(after.getDeploymentId()))
                .contains("web-security-briefing.form");

        // the two versions differ by that step and the flows around it, and nothing else
        click(By.id("diff"));
        visible(By.cssSelector("#diff-table tr.diff-row"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#diff-table tr.diff-row"));
        // (other elements may be listed as moved only: the modeler aligns the diagram to the origin on saving)
        List<String> changes = rows.stream().filter(r -> !"LAYOUT".equals(r.getAttribute("data-change")))
                .map(r -> r.getAttribute("data-element") + " " + r.getAttribute("data-change")).toList();
        assertThat(changes).hasSize(3).contains("userTask_briefing ADDED", "flow_toRequirement CHANGED")
                .anySatisfy(change -> assertThat(change).startsWith("Flow_").endsWith(" ADDED"));
        visible(By.cssSelector(".djs-element.diff-added[data-element-id='userTask_briefing']"));
        shot("studio-diff");

        // the instance waiting at 与使用方确认 WEB 安全需求 (a step of both versions) moves to the new version
        click(By.id("migrate"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("m-source"))).selectByValue(before.getId());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("m-target"))).selectByValue(after.getId());
        click(By.cssSelector("#migration-form button[type='submit']"));
        visible(By.cssSelector("#m-activities tr[data-activity='userTask_confirmRequirement']"));
        click(By.id("m-run"));
        wait.withMessage(() -> "migration status: " + driver.findElement(By.id("m-status")).getText())
                .until(d -> d.findElement(By.id("m-status")).getText().startsWith("迁移完成"));
        shot("studio-migrated");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(waiting.getId())
                .singleResult().getProcessDefinitionId()).isEqualTo(after.getId());
        process.complete(waiting, "userTask_confirmRequirement", "engineer", Map.of("webApplications", "门户网站",
                "protectionScope", "门户", "protectionRequirements", "防篡改"));

        // a new request reaches the new step, and the Tasklist shows its new form
        ProcessInstance fresh = process.startRequest("operator", "webSecurity");
        assertThat(fresh.getProcessDefinitionId()).isEqualTo(after.getId());
        driver.manage().deleteAllCookies();
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        visible(By.cssSelector("input[ng-model='username']")).sendKeys("engineer");
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        Task briefing = engine.getTaskService().createTaskQuery().processInstanceId(fresh.getId())
                .taskDefinitionKey("userTask_briefing").singleResult();
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + briefing.getId());
        click(By.xpath("//*[self::a or self::button][normalize-space(.)='认领']"));
        WebElement field = visible(By.cssSelector("[id$='-Field_briefing']"));
        field.sendKeys("已与使用方交底：门户网站和两套业务系统。");
        shot("studio-new-form-in-tasklist");
        click(By.xpath("//button[@type='submit' and normalize-space(.)='完成']"));
        wait.until(d -> engine.getTaskService().createTaskQuery().taskId(briefing.getId()).count() == 0);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(fresh.getId())
                .variableName("briefing").singleResult().getValue()).isEqualTo("已与使用方交底：门户网站和两套业务系统。");
    }

    @Test
    void linterMarksADuplicateFlowBeforeDeploying() {
        ProcessDefinition deployed = latest();
        newDraftOf(deployed);

        // a second flow from the start to the first step: the step would be started twice (bpmnlint's
        // no-duplicate-sequence-flows, part of the rules Camunda's modeler applies to 7.24 models)
        script("""
                const m = secflowStudio.modeler();
                const flow = m.get('elementRegistry').get('flow_toRequirement');
                m.get('modeling').connect(flow.source, flow.target);
                """);
        click(By.id("check"));
        visible(By.cssSelector(".djs-element.problem[data-element-id='userTask_confirmRequirement']"));
        assertThat(visible(By.id("problems")).getText())
                .contains("userTask_confirmRequirement", "Camunda 7.24 建模规则 no-duplicate-sequence-flows");
        assertThat(driver.findElement(By.id("message")).getText()).contains("Camunda 7.24 建模规则");
        shot("studio-lint-markers");

        script("window.confirm = () => true;");
        click(By.id("discard"));
        wait.until(d -> !d.findElement(By.id("editing")).getText().startsWith("草稿 #"));
        driver.manage().deleteAllCookies();
    }

    /**
     * Logged out first (the browser is shared by the tests), the system administrator logs in to the studio, opens
     * the version of 7.2.3 and starts a draft from it.
     */
    private void newDraftOf(ProcessDefinition version) {
        driver.manage().deleteAllCookies();
        driver.get("http://localhost:" + port + "/studio/");
        visible(By.id("username")).sendKeys("sysadmin");
        driver.findElement(By.id("password")).sendKeys(Staff.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type='submit']")).click();
        wait.until(d -> text().contains("当前用户：sysadmin"));
        click(By.cssSelector("#models li[data-key='webSecurity'] .version[data-definition='" + version.getId() + "']"));
        wait.until(d -> !d.findElements(By.cssSelector(".djs-element[data-element-id='userTask_confirmRequirement']")).isEmpty());
        click(By.id("new-draft"));
        wait.until(d -> driver.findElement(By.id("editing")).getText().startsWith("草稿 #"));
    }

    private ProcessDefinition latest() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("webSecurity")
                .latestVersion().singleResult();
    }

    private Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    private void shot(String name) {
        // the whole diagram in view, clear of the palette (the README shows these pictures)
        script("if (window.secflowStudio && secflowStudio.modeler()) { const c = secflowStudio.modeler().get('canvas'); c.zoom('fit-viewport', 'auto'); c.scroll({dx: 110, dy: 0}); }");
        browser.shot(name);
    }
}
