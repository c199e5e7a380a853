package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;

/**
 * Two nodes on one MySQL database behind HAProxy (round robin, no stickiness), as the README's deployment guide
 * sets them up. Checked in one run, in this order:
 * <ol>
 * <li>a rule set change applied on node A decides on node B within its polling interval (issue #13);</li>
 * <li>a session opened on one node is the same session on the other, and a logout on one ends it on both;</li>
 * <li>while monitoring systems report incidents through HAProxy, an engineer in Chromium logs into the Tasklist
 * through HAProxy, opens and claims a task (the browser's requests alternate between the nodes); node B gets
 * SIGKILL while it holds locked jobs; the engineer fills in the form and completes the task on node A;</li>
 * <li>every request that got a 2xx is in the database, and the jobs node B had locked are carried out by node A
 * once their lock ran out.</li>
 * </ol>
 * Node B acquires up to 10 due jobs at a time and runs them on one thread, so that it holds locks when it is killed
 * (the default acquires 3 at a time on 3 threads and usually holds locks only for milliseconds).
 */
class HaproxyClusterIT {

    static final int SLA_SECONDS = 25;
    static final int LOCK_SECONDS = 15;
    static final String BROWSER_INCIDENT = "门户网站首页被篡改（集群浏览器测试）";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    @Test
    void aPersonWorksThroughTheLoadBalancerWhileOneNodeIsKilled() throws Exception {
        Path rules = SlaRules.withResponseDeadline(work, SLA_SECONDS);
        String[] common = {
                // plain HTTP on localhost: the production profile's Secure cookie would not come back to Java's client
                "--server.servlet.session.cookie.secure=false",
                "--camunda.bpm.webapp.session-cookie.enable-secure-cookie=false",
                "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_SECONDS * 1000};
        try (TestDatabase db = new TestDatabase("secflow_rel_haproxy");
             AppNode a = AppNode.start("node-a", db, TestDatabase.PORT, rules, common);
             AppNode b = AppNode.start("node-b", db, TestDatabase.PORT, rules, concat(common,
                     "--camunda.bpm.job-execution.core-pool-size=1", "--camunda.bpm.job-execution.max-pool-size=1",
                     "--camunda.bpm.job-execution.queue-capacity=10",
                     "--camunda.bpm.job-execution.max-jobs-per-acquisition=10"));
             Haproxy lb = Haproxy.start(work, List.of(a, b))) {

            ruleSetChangeOnOneNodeDecidesOnTheOther(a, b);
            sessionIsSharedAndLogoutEndsItOnBothNodes(a, b);

            IncidentLoad load = new IncidentLoad(() -> lb.port, true).start(2);
            String processInstanceId = report(lb.port, BROWSER_INCIDENT);
            String taskId = analysisTask(lb.port, processInstanceId);

            try (Browser browser = new Browser(lb.port)) {
                try {
                    browser.login("engineer");
                    browser.openTask(taskId);
                    browser.claim();
                    List<Haproxy.Logged> beforeKill = lb.requests().stream().filter(Haproxy.Logged::fromBrowser).toList();

                    // node B dies while the person is typing, holding jobs it had locked
                    List<String> lockedByB = awaitJobsLockedBy(db, "node-b", Duration.ofSeconds(90));
                    long killMillis = b.kill();
                    long killedAt = System.nanoTime();
                    List<String> orphans = db.jdbc.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE 'node-b#%'",
                            String.class);
                    System.out.printf("haproxy: node-b held %d locked jobs, SIGKILL in %d ms, %d jobs left locked by it%n",
                            lockedByB.size(), killMillis, orphans.size());

                    browser.completeAnalysis("首页被植入非法标语，判断为网页篡改（一节点停止后继续办理）。");
                    assertThat(openTasks(db, processInstanceId, "userTask_analyseIncident")).as("the task is completed").isZero();
                    assertThat(openTasks(db, processInstanceId, "userTask_dispatchResources")).as("the next step waits").isOne();
                    browser.openGroupTasks();

                    load.stop();
                    List<Haproxy.Logged> browserRequests = lb.requests().stream().filter(Haproxy.Logged::fromBrowser).toList();
                    List<Haproxy.Logged> afterKill = browserRequests.subList(beforeKill.size(), browserRequests.size());
                    Map<String, Long> beforePerNode = perNode(beforeKill);
                    long switches = switches(beforeKill);
                    System.out.printf("haproxy: browser before the kill %d requests %s, %d switches between nodes; after the "
                                    + "kill %d requests %s; browser answers >= 500: %d%n", beforeKill.size(), beforePerNode,
                            switches, afterKill.size(), perNode(afterKill),
                            browserRequests.stream().filter(r -> r.status() >= 500).count());
                    assertThat(beforePerNode).containsKeys("node-a", "node-b");
                    assertThat(switches).as("consecutive requests of the browser on different nodes").isGreaterThanOrEqualTo(5);
                    assertThat(afterKill).as("requests of the browser after the kill").isNotEmpty();
                    assertThat(afterKill.stream().filter(r -> r.status() >= 500 || r.status() < 0).toList())
                            .as("failed requests of the browser after the kill").isEmpty();

                    noAcceptedRequestIsLost(db, load);
                    lockedJobsAreTakenOver(db, orphans, killedAt);
                    assertThat(db.count("SELECT COUNT(*) FROM (SELECT process_instance_id, activity_id FROM sla_breach "
                            + "GROUP BY process_instance_id, activity_id HAVING COUNT(*) > 1) doubled")).as("timers fired twice")
                            .isZero();
                    assertThat(a.healthy()).isTrue();
                } catch (RuntimeException | AssertionError e) {
                    browser.screenshot("FAILED");
                    throw e;
                }
            }
        }
    }

    /** Issue #13: an administrator applies a change on node A; node B decides with it within the polling interval. */
    private static void ruleSetChangeOnOneNodeDecidesOnTheOther(AppNode a, AppNode b) throws Exception {
        assertThat(resolveHours(report(b.port))).as("resolve deadline before the change").isEqualTo(1);
        JsonNode active = Http.json(IncidentLoad.send(a.port, "sysadmin", "GET", "/api/rules/active", null));
        ObjectNode tables = (ObjectNode) active.get("tables");
        tables.get("sla").forEach(row -> ((ObjectNode) row).put("resolveWithin", "PT2H"));
        HttpResponse<String> applied = IncidentLoad.send(a.port, "sysadmin", "POST", "/api/rules/apply",
                Http.toJson(Map.of("tables", tables, "reason", "集群测试：处置时限 2 小时")));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        long appliedAt = System.nanoTime();
        int[] seenOnB = {0};
        Waiting.until(Duration.ofSeconds(60), () -> {
            try {
                seenOnB[0]++;
                return resolveHours(report(b.port)) == 2;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("haproxy: rule set applied on node-a, first decision with it on node-b %.1f s later "
                + "(poll interval 3 s, %d intakes on node-b meanwhile)%n", (System.nanoTime() - appliedAt) / 1e9, seenOnB[0]);
    }

    private static void sessionIsSharedAndLogoutEndsItOnBothNodes(AppNode a, AppNode b) throws Exception {
        JavaBrowser person = new JavaBrowser();
        assertThat(person.login(a.port, "manager")).isEqualTo(200);
        assertThat(person.tasklistCall(b.port)).as("the login of node A on node B").isEqualTo(200);
        assertThat(person.get(b.port, "/api/compliance/clauses")).as("our API on node B with it").isEqualTo(200);
        assertThat(person.logout(b.port)).isEqualTo(200);
        assertThat(person.tasklistCall(a.port)).as("after the logout on node B, node A").isEqualTo(401);
        assertThat(person.get(a.port, "/api/compliance/clauses")).isEqualTo(401);
    }

    private static void noAcceptedRequestIsLost(TestDatabase db, IncidentLoad load) {
        List<IncidentLoad.Intake> accepted = new ArrayList<>(load.accepted);
        Map<Integer, Long> statuses = load.answers.stream().collect(Collectors.groupingBy(IncidentLoad.Answer::status,
                Collectors.counting()));
        System.out.printf("haproxy: load through the balancer: %d intakes answered 201 (%d analysed), answers by status %s%n",
                accepted.size(), accepted.stream().filter(IncidentLoad.Intake::analysed).count(), statuses);
        assertThat(accepted).isNotEmpty();
        for (IncidentLoad.Intake intake : accepted) {
            assertThat(db.count("SELECT COUNT(*) FROM incident WHERE id = ? AND process_instance_id = ?", intake.id(),
                    intake.processInstanceId())).as("intake %s", intake.id()).isOne();
            if (intake.analysed()) {
                assertThat(db.count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = "
                        + "'userTask_analyseIncident' AND END_TIME_ IS NOT NULL", intake.processInstanceId()))
                        .as("analysis of %s", intake.processInstanceId()).isOne();
            }
        }
    }

    /** The jobs left locked by the killed node are carried out by node A once their lock has run out, once each. */
    private static void lockedJobsAreTakenOver(TestDatabase db, List<String> orphans, long killedAt)
            throws InterruptedException {
        assertThat(orphans).as("jobs node B had locked when it was killed").isNotEmpty();
        String in = orphans.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        Waiting.until(Duration.ofSeconds(LOCK_SECONDS + 60),
                () -> db.count("SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ IN (" + in + ")") == 0);
        Map<String, Long> byNode = db.jdbc.queryForList("SELECT HOSTNAME_ AS node, COUNT(*) AS n FROM ACT_HI_JOB_LOG "
                        + "WHERE JOB_ID_ IN (" + in + ") AND JOB_STATE_ = 2 GROUP BY HOSTNAME_").stream()
                .collect(Collectors.toMap(row -> (String) row.get("node"), row -> ((Number) row.get("n")).longValue()));
        System.out.printf("haproxy: %d jobs locked by the killed node-b carried out by %s, the last %.1f s after the kill "
                + "or earlier (lock %d s)%n", orphans.size(), byNode, (System.nanoTime() - killedAt) / 1e9, LOCK_SECONDS);
        assertThat(byNode).containsOnlyKeys("node-a");
        assertThat(byNode.get("node-a")).isEqualTo(orphans.size());
    }

    private static List<String> awaitJobsLockedBy(TestDatabase db, String node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> locked = db.jdbc.queryForList("SELECT ID_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ LIKE ? "
                    + "AND LOCK_EXP_TIME_ IS NOT NULL", String.class, node + "#%");
            if (!locked.isEmpty()) {
                return locked;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(node + " held no locked job within " + timeout);
    }

    private static String report(int port) throws Exception {
        return report(port, null);
    }

    /** Reports an incident (operator, our API); the answer's process instance, or with title null the answer. */
    private static String report(int port, String title) throws Exception {
        Map<String, Object> body = IncidentBodies.defacedPortal();
        if (title != null) {
            body.put("title", title);
        }
        HttpResponse<String> answer = IncidentLoad.send(port, "operator", "POST", "/api/incidents", Http.toJson(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return title == null ? answer.body() : Http.json(answer).get("processInstanceId").asText();
    }

    /** Hours between the respond and resolve deadlines of an intake's answer (respond is seconds after intake). */
    private static long resolveHours(String answer) throws IOException {
        JsonNode deadlines = JSON.readTree(answer).get("deadlines");
        return Math.round(Duration.between(OffsetDateTime.parse(deadlines.get("respond").asText()),
                OffsetDateTime.parse(deadlines.get("resolve").asText())).getSeconds() / 3600.0);
    }

    private static String analysisTask(int port, String processInstanceId) throws Exception {
        JsonNode tasks = Http.json(IncidentLoad.send(port, "engineer", "GET", "/engine-rest/task?processInstanceId="
                + processInstanceId + "&taskDefinitionKey=userTask_analyseIncident", null));
        return tasks.get(0).get("id").asText();
    }

    private static long openTasks(TestDatabase db, String processInstanceId, String key) {
        return db.count("SELECT COUNT(*) FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ? AND TASK_DEF_KEY_ = ?", processInstanceId, key);
    }

    private static Map<String, Long> perNode(List<Haproxy.Logged> requests) {
        return requests.stream().collect(Collectors.groupingBy(Haproxy.Logged::node, java.util.TreeMap::new,
                Collectors.counting()));
    }

    private static long switches(List<Haproxy.Logged> requests) {
        long switches = 0;
        for (int i = 1; i < requests.size(); i++) {
            if (!requests.get(i).node().equals(requests.get(i - 1).node())) {
                switches++;
            }
        }
        return switches;
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** A person's browser session over plain HTTP (cookies by host, so one session on both nodes' ports). */
    private static final class JavaBrowser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String csrf = "";

        int login(int port, String user) throws Exception {
            send(port, "GET", "/camunda/api/admin/auth/user/default", null);
            return send(port, "POST", "/camunda/api/admin/auth/user/default/login/tasklist",
                    "username=" + user + "&password=" + URLEncoder.encode("demo", StandardCharsets.UTF_8));
        }

        int logout(int port) throws Exception {
            return send(port, "POST", "/camunda/api/admin/auth/user/default/logout", "");
        }

        int tasklistCall(int port) throws Exception {
            return send(port, "GET", "/camunda/api/engine/engine/default/task/count", null);
        }

        int get(int port, String path) throws Exception {
            return send(port, "GET", path, null);
        }

        private int send(int port, String method, String path, String form) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("X-XSRF-TOKEN", csrf).timeout(Duration.ofSeconds(30));
            if (form != null) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
            request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrf = token);
            return response.statusCode();
        }
    }

    /** Headless Chromium (Debian's chromium and chromedriver, as the e2e tests) on the Tasklist through HAProxy. */
    private static final class Browser implements AutoCloseable {
        private static final By ANALYSIS = By.cssSelector("[id$='-Field_analysis']:not([id$='-display'])");
        private final String base;
        private final WebDriver driver;
        private final WebDriverWait wait;
        private final Path userDataDir;
        private final Path screenshots;
        private int shot;

        Browser(int port) throws IOException {
            this.base = "http://localhost:" + port + "/camunda/app/tasklist/default/";
            this.userDataDir = Files.createTempDirectory("secflow-cluster-chromium");
            this.screenshots = Path.of(System.getProperty("secflow.reliability.logs", "target/reliability"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("secflow.e2e.chromium", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--lang=zh-CN", "--window-size=1400,1000",
                    "--user-data-dir=" + userDataDir.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(System.getProperty("secflow.e2e.chromedriver", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().withEnvironment(Map.of("TZ", "Asia/Shanghai")).build();
            this.driver = new ChromeDriver(service, options);
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(45));
        }

        void login(String user) {
            driver.get(base);
            visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
            driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
            driver.findElement(By.cssSelector("button[type='submit']")).click();
            visible(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name"));
            screenshot("logged-in");
        }

        void openTask(String taskId) {
            driver.get(base + "#/?task=" + taskId);
            visible(ANALYSIS);
            screenshot("task-open");
        }

        void claim() {
            click(By.xpath("//*[self::a or self::button][normalize-space(.)='认领']"));
            visible(By.cssSelector("[ng-click='unclaim()']"));
            screenshot("claimed");
        }

        void completeAnalysis(String analysis) {
            visible(ANALYSIS).sendKeys(analysis);
            screenshot("filled-after-kill");
            click(By.xpath("//button[@type='submit' and normalize-space(.)='完成']"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fjs-form")));
            screenshot("completed");
        }

        void openGroupTasks() {
            click(By.xpath("//*[contains(@class,'filters')]//*[normalize-space(text())='本组待办']"));
            wait.until(d -> text().contains("分析研判事件") || text().contains("没有"));
            screenshot("group-tasks");
        }

        private void click(By by) {
            WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
        }

        private WebElement visible(By by) {
            return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        }

        private String text() {
            return driver.findElement(By.tagName("body")).getText();
        }

        private void screenshot(String name) {
            try {
                Files.createDirectories(screenshots);
                File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
                Files.copy(file.toPath(), screenshots.resolve(String.format("cluster-%02d-%s.png", ++shot, name)),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                System.out.println("screenshot " + name + " failed: " + e);
            }
        }

        @Override
        public void close() throws IOException {
            driver.quit();
            try (var paths = Files.walk(userDataDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
