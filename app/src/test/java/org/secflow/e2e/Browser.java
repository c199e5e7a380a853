package org.secflow.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and chromedriver (never a downloaded browser) for one browser test class: a profile
 * folder of its own, removed at the end, China's time zone, and a folder for its screenshots under
 * {@code target/e2e-screenshots} ({@code -Dsecflow.e2e.screenshots}).
 */
final class Browser implements AutoCloseable {

    final WebDriver driver;
    final Path screenshots;
    private final Path userDataDir;

    private Browser(WebDriver driver, Path screenshots, Path userDataDir) {
        this.driver = driver;
        this.screenshots = screenshots;
        this.userDataDir = userDataDir;
    }

    /** {@code folder}: the screenshots' subfolder ("" for the folder itself); {@code windowSize} e.g. "1600,1100". */
    static Browser start(String folder, String windowSize, String... moreArguments) throws IOException {
        Path screenshots = Path.of(System.getProperty("secflow.e2e.screenshots", "target/e2e-screenshots")).resolve(folder);
        Files.createDirectories(screenshots);
        Path userDataDir = Files.createTempDirectory("secflow-e2e-" + (folder.isEmpty() ? "chromium" : folder));
        List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--lang=en-US", "--window-size=" + windowSize,
                "--user-data-dir=" + userDataDir.toAbsolutePath()));
        arguments.addAll(List.of(moreArguments));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("secflow.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("secflow.e2e.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
                .build();
        return new Browser(new ChromeDriver(service, options), screenshots, userDataDir);
    }

    /** What the browser shows now, as {@code <name>.png} in the screenshot folder. */
    void shot(String name) {
        try {
            Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var paths = Files.walk(userDataDir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
