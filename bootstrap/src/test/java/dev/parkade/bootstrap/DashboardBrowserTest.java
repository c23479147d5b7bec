package dev.parkade.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parkade.adapters.web.ApiClient;
import dev.parkade.adapters.web.Tokens;
import dev.parkade.domain.UserId;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through its chromedriver,
 * against the real server. It sees the counts change without a reload, also after every stream was
 * cut and the page reconnected. {@code .ci/run} installs both; elsewhere the test is skipped when
 * they are missing, and says so.
 */
class DashboardBrowserTest {
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String SECRET = "a-dashboard-secret-of-32-bytes-or-more!";
  private static final int SPOTS = 12;
  private static final String FREE =
      "section.facility[data-facility-id=\"default\"] dd[data-field=\"available\"]";

  @TempDir Path dataDir;
  @TempDir Path profile;

  private final Tokens tokens =
      new Tokens(SECRET.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
  private ParkadeServer server;
  private WebDriver browser;

  @BeforeEach
  void start() {
    Assumptions.assumeTrue(
        CHROMEDRIVER.canExecute() || System.getenv("CI") != null,
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
    server = TestServers.server(StorageKind.MEMORY, dataDir, SPOTS, SECRET, null);
    server.start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // No network beyond loopback on the machines this runs on: keep Chromium from trying.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
    }
  }

  private void park(ApiClient client, String user) {
    String token = tokens.issue(new UserId(user), false, Duration.ofMinutes(10));
    assertEquals(
        201,
        client
            .post("/api/v1/sessions", "{\"vehicle\":{\"plate\":\"" + user + "\"}}", token)
            .status());
  }

  private void awaitFree(WebDriverWait wait, int free) {
    wait.until(ExpectedConditions.textToBe(By.cssSelector(FREE), Integer.toString(free)));
  }

  @Test
  void thePage_showsEachFacility_andFollowsTheCountsLive_acrossAReconnect() throws Exception {
    ApiClient client = new ApiClient(server.port());
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    browser.get("http://127.0.0.1:" + server.port() + "/");

    awaitFree(wait, SPOTS);
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
    assertEquals("Default", browser.findElement(By.id("fac-default-title")).getText());
    assertEquals("h2", browser.findElement(By.id("fac-default-title")).getTagName());
    assertEquals(1, browser.findElements(By.tagName("h1")).size());
    WebElement section = browser.findElement(By.cssSelector("section.facility"));
    assertEquals("fac-default-title", section.getAttribute("aria-labelledby"));
    assertEquals("polite", browser.findElement(By.id("status")).getAttribute("aria-live"));

    for (String driver : List.of("ann", "ben", "cat")) {
      park(client, driver);
    }
    // The publisher sends within a quarter of a second; no reload happens meanwhile.
    new WebDriverWait(browser, Duration.ofSeconds(2))
        .until(ExpectedConditions.textToBe(By.cssSelector(FREE), Integer.toString(SPOTS - 3)));
    String meter = browser.findElement(By.id("fac-default-meter-text")).getText();
    assertTrue(meter.startsWith("3 of " + SPOTS + " occupied"), meter);

    // Every stream cut at once, as by a proxy restarting; a change lands while the page is away.
    server.closeEventStreams();
    park(client, "dan");
    awaitFree(wait, SPOTS - 4);
    wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
    park(client, "eve");
    awaitFree(wait, SPOTS - 5);

    File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
    Path saved = Path.of("target", "dashboard.png");
    Files.createDirectories(saved.getParent());
    Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(saved) > 0);
  }
}
