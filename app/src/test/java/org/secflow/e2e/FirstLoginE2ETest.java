package org.secflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
import org.secflow.security.SecurityPolicy;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * First login of a new account in a real (headless) Chromium, with the production rule that every person needs a
 * second factor switched on: the Tasklist's login sends the person to the first-login page, where the one-time
 * password is changed and a TOTP authenticator is enrolled by QR code (the code typed is computed here from the
 * shown secret, as a phone app would); the confirmation opens the Tasklist. Screenshots in
 * {@code app/target/e2e-screenshots/first-login/}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstLoginE2ETest {

    private static final String USER = "newEngineer";
    private static final String ONE_TIME_PASSWORD = "Initial-Pass-2026";
    private static final String NEW_PASSWORD = "My-Own-Pass-2026";

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired SecurityPolicy policy;

    /** A failed step leaves a screenshot and the page's source. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher screenshotOnFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (driver != null) {
                shot("FAILED");
                try {
                    Files.writeString(screenshots.resolve("FAILED.html"), driver.getCurrentUrl() + "\n" + driver.getPageSource());
                } catch (IOException e) {
                    // the screenshot is enough
                }
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
        browser = Browser.start("first-login", "1400,1000");
        driver = browser.driver;
        screenshots = browser.screenshots;
        // generous: the shared 2-core CI machine can take long to load the Tasklist
        wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        policy.setSecondFactorRequired(true);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void newAccountChangesItsPasswordEnrolsTotpAndReachesTheTasklist() {
        // a system administrator created the account with a one-time password
        User user = identityService.newUser(USER);
        user.setFirstName("赵工程师");
        user.setLastName("");
        user.setPassword(ONE_TIME_PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(USER, "technical");

        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        visible(By.cssSelector("input[ng-model='username']")).sendKeys(USER);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(ONE_TIME_PASSWORD);
        assertThat(visible(By.id("secflow-second-factor")).getAttribute("placeholder")).isEqualTo("动态口令或恢复码");
        wait.until(d -> d.findElement(By.id("secflow-login-note")).getText().contains("动态口令"));
        shot("login");
        driver.findElement(By.cssSelector("button[type='submit']")).click();

        // no session yet: the first-login page, password first
        wait.until(ExpectedConditions.urlContains("/account/"));
        assertThat(visible(By.id("username")).getAttribute("value")).isEqualTo(USER);
        driver.findElement(By.id("password")).sendKeys(ONE_TIME_PASSWORD);
        driver.findElement(By.id("new-password")).sendKeys("weak");
        driver.findElement(By.id("new-password-again")).sendKeys("weak");
        driver.findElement(By.id("change-password")).click();
        wait.until(d -> d.findElement(By.id("message")).getText().contains("长度至少 10 个字符"));
        shot("weak-password-refused");
        driver.findElement(By.id("new-password")).clear();
        driver.findElement(By.id("new-password")).sendKeys(NEW_PASSWORD);
        driver.findElement(By.id("new-password-again")).clear();
        driver.findElement(By.id("new-password-again")).sendKeys(NEW_PASSWORD);
        driver.findElement(By.id("change-password")).click();

        // then the authenticator, by QR code
        visible(By.id("show-qr")).click();
        WebElement qr = visible(By.id("qr"));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth;", qr))
                .intValue() > 0);
        String secret = driver.findElement(By.id("secret")).getText();
        shot("enrolment");
        driver.findElement(By.id("code")).sendKeys(totp(secret));
        driver.findElement(By.id("confirm-second-factor")).click();

        wait.until(d -> d.findElements(By.cssSelector("#recovery-codes li")).size() == 10);
        shot("recovery-codes");
        driver.findElement(By.id("to-tasklist")).click();

        // logged in with both factors: the Tasklist with the person's filters
        visible(By.cssSelector("[cam-widget-header] .navbar-brand .brand-name"));
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("本组待办"));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("赵工程师");
        shot("tasklist");
    }

    /** RFC 6238 (HMAC-SHA1, 30 s, 6 digits), written here again as an authenticator app computes it. */
    private static String totp(String base32Secret) {
        try {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            ByteBuffer key = ByteBuffer.allocate(base32Secret.length() * 5 / 8);
            int buffer = 0;
            int bits = 0;
            for (char c : base32Secret.toCharArray()) {
                buffer = (buffer << 5) | alphabet.indexOf(c);
                bits += 5;
                if (bits >= 8) {
                    key.put((byte) (buffer >> (bits - 8)));
                    bits -= 8;
                }
            }
            long step = ClockUtil.getCurrentTime().getTime() / 1000 / 30;
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.array(), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[19] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void shot(String name) {
        browser.shot(String.format("%02d-%s", ++shotNumber, name));
    }
}
