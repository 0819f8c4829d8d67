package org.civicloop.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.civicloop.cases.CaseManagement;
import org.civicloop.cases.Department;
import org.civicloop.cases.Service;
import org.civicloop.identity.NewStaffUser;
import org.civicloop.identity.StaffManagement;
import org.civicloop.identity.StaffRole;
import org.civicloop.ingest.MessageManagement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End to end, in a real (headless) Chromium against a real server: a resident reports a pothole
 * through the public form, an agent signs in to the console, finds the report in the inbox,
 * opens a case for it and moves it on with a note for the public, and the resident follows it on
 * the public status page. A second test checks that the inbox updates live (server-sent events
 * and htmx) when a report arrives.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} packages. Without them the tests
 * are skipped, unless {@code -Dbrowser.required=true} (as in CI), when they fail. Selenium
 * Manager is never used: both executables are given explicitly. Screenshots of every important
 * step go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ResidentToCaseBrowserTests {

    private static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SERVICE_CODE = "pothole-e2e";
    private static final String SERVICE_NAME = "Pothole (test)";
    private static final String AGENT_PASSWORD = "browser-agent-password-1234";

    @LocalServerPort
    int port;

    @Autowired
    StaffManagement staff;

    @Autowired
    CaseManagement cases;

    @Autowired
    MessageManagement messages;

    @Autowired
    org.civicloop.triage.TriageManagement triage;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final List<Browser> browsers = new ArrayList<>();
    private String agentUsername;

    /** One Chromium with its own chromedriver and throw-away profile. */
    private record Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {}

    @BeforeAll
    static void chromiumIsInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                + ". Install them with: apt-get update && apt-get install -y chromium chromium-driver";
        if (!installed && Boolean.getBoolean("browser.required")) {
            fail(missing + " (they are required because -Dbrowser.required=true)");
        }
        if (!installed) {
            // JUnit reports a skipped class without its reason in the Maven log: say it here
            System.err.println("SKIPPED ResidentToCaseBrowserTests: " + missing);
        }
        Assumptions.assumeTrue(installed, missing + " (skipped; -Dbrowser.required=true makes this a failure)");
        // Selenium Manager is not used (the driver is given explicitly); keep it quiet and offline anyway
        System.setProperty("SE_AVOID_STATS", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }

    @BeforeEach
    void catalogueAndAgent() {
        cases.saveDepartment(new Department("public-works", "Public Works", null));
        cases.saveService(new Service(SERVICE_CODE, SERVICE_NAME, "", "public-works", 24, 120, "pothole"));
        agentUsername = "browser-agent-" + random();
        staff.create(
                new NewStaffUser(agentUsername, "Browser Agent", AGENT_PASSWORD, EnumSet.of(StaffRole.AGENT), null),
                "test");
    }

    @AfterEach
    void quitBrowsers() {
        for (Browser browser : browsers) {
            try {
                browser.driver().quit();
            } catch (RuntimeException e) {
                System.err.println("Could not quit Chromium: " + e);
            } finally {
                browser.service().stop();
                deleteQuietly(browser.profile());
            }
        }
        browsers.clear();
    }

    @Test
    void aResidentsReportBecomesACaseTheResidentCanFollow() throws IOException {
        String marker = "E2E" + random().toUpperCase(Locale.ROOT);
        String email = "resident-" + random() + "@example.org";
        String text = "Deep pothole outside 120 Mill St " + marker + ", my tire blew <b>bold?</b>";
        WebDriver resident = newBrowser();

        // 1. the resident reports: first with nothing written, then properly, with a photo
        resident.get(url("/report"));
        wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("submit-report")));
        screenshot(resident, "01-report-form.png");

        long storedBefore = storedMessages();
        resident.findElement(By.id("submit-report")).click();
        WebElement textError = wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("text-error")));
        assertThat(textError.getText()).isEqualTo("Please tell us what is happening.");
        assertThat(resident.getCurrentUrl()).endsWith("/report");
        assertThat(resident.findElement(By.id("text")).getDomAttribute("aria-describedby"))
                .contains("text-error");
        assertThat(resident.findElements(By.id("thanks"))).isEmpty();
        assertThat(storedMessages()).as("an empty report stores nothing").isEqualTo(storedBefore);
        screenshot(resident, "02-validation.png");

        resident.findElement(By.id("text")).sendKeys(text);
        resident.findElement(By.id("address")).sendKeys("120 Mill St");
        resident.findElement(By.id("email")).sendKeys(email);
        resident.findElement(By.id("photo")).sendKeys(potholePng().toString());
        screenshot(resident, "02b-filled-in.png");
        resident.findElement(By.id("submit-report")).click();

        WebElement reference = wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("reference")));
        assertThat(resident.findElement(By.id("thanks")).isDisplayed()).isTrue();
        String residentReference = reference.getText().strip();
        assertThat(residentReference).matches("M-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(resident.getCurrentUrl()).endsWith("/cases/" + residentReference);
        assertThat(text(resident, By.id("current-status"))).isEqualTo("Received");
        assertThat(resident.getPageSource()).doesNotContainIgnoringCase(email);
        screenshot(resident, "03-submitted.png");

        // 2. the agent signs in and finds the report in the inbox, the resident's markup shown as text
        WebDriver agent = newBrowser();
        agent.get(url("/console"));
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        screenshot(agent, "03b-login.png");
        signIn(agent);

        WebElement row = wait(agent)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#inbox-table tr[data-reference='" + residentReference + "']")));
        assertThat(row.getText()).contains(marker).contains("<b>bold?</b>");
        assertThat(row.findElements(By.tagName("b")))
                .as("the resident's <b> is escaped")
                .isEmpty();
        screenshot(agent, "04-inbox.png");
        row.findElement(By.cssSelector("td.message-text a")).click();

        // 3. the message, with its photo and the resident's contact; the agent opens a case
        WebElement messageText =
                wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("message-text")));
        assertThat(messageText.getText()).isEqualTo(text);
        assertThat(messageText.findElements(By.tagName("b"))).isEmpty();
        assertThat(agent.findElement(By.id("main-content")).getText()).contains(email);
        wait(agent).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript("var i = document.querySelector('.message-photo img');"
                        + " return i != null && i.complete && i.naturalWidth > 0;"));
        screenshot(agent, "05-message.png");

        Select service = new Select(agent.findElement(By.id("serviceCode")));
        service.selectByVisibleText(SERVICE_NAME);
        assertThat(service.getFirstSelectedOption().getDomAttribute("value")).isEqualTo(SERVICE_CODE);
        new Select(agent.findElement(By.id("priority"))).selectByValue("high");
        assertThat(agent.findElement(By.id("title")).getDomProperty("value")).isEqualTo(text);
        agent.findElement(By.id("open-case")).click();

        WebElement caseReference =
                wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("case-reference")));
        assertThat(caseReference.getText()).matches("CL-\\d{2}-\\d{5}");
        String caseRef = caseReference.getText();
        assertThat(text(agent, By.id("case-status"))).isEqualTo("New");
        assertThat(agent.findElement(By.id("main-content")).getText())
                .contains("Case " + caseRef + " opened.")
                .contains(SERVICE_NAME)
                .contains("Public Works")
                .contains("High");
        screenshot(agent, "06-case-opened.png");

        // 4. the agent moves the case on, with a note for the public
        String publicNote = "Crew scheduled for Thursday morning " + marker;
        Select status = new Select(agent.findElement(By.id("status")));
        assertThat(status.getOptions())
                .extracting(o -> o.getDomAttribute("value"))
                .contains("in_progress");
        status.selectByValue("in_progress");
        agent.findElement(By.id("publicNote")).sendKeys(publicNote);
        agent.findElement(By.id("change-status")).click();

        wait(agent).until(d -> "In progress".equals(text(d, By.id("case-status"))));
        assertThat(agent.findElement(By.id("case-history")).getText()).contains(publicNote);
        screenshot(agent, "07-in-progress.png");

        // 5. the resident (not signed in) follows the report: the case, the note, nothing private
        resident.get(url("/cases/" + residentReference));
        wait(resident).until(d -> "In progress".equals(text(d, By.id("current-status"))));
        assertThat(resident.findElement(By.tagName("h1")).getText()).contains(caseRef);
        assertThat(resident.findElement(By.id("history")).getText()).contains(publicNote);
        assertThat(resident.findElement(By.id("main-content")).getText())
                .contains(SERVICE_NAME)
                .contains("Public Works");
        String publicPage = resident.getPageSource();
        assertThat(publicPage).doesNotContainIgnoringCase(email);
        assertThat(publicPage).as("the resident's own words stay private").doesNotContain("my tire blew");
        screenshot(resident, "08-public-status.png");

        // 6. the public pages speak Spanish when asked
        resident.get(url("/report?lang=es"));
        WebElement submit = wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("submit-report")));
        assertThat(submit.getText()).isEqualTo("Enviar reporte");
        assertThat(resident.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("es");
        screenshot(resident, "09-spanish.png");
    }

    @Test
    void theInboxShowsANewReportWithoutReloading() throws IOException {
        WebDriver agent = newBrowser();
        agent.get(url("/console"));
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        signIn(agent);
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-table")));
        // the page is connected to the event stream before anything is reported
        wait(agent)
                .until(
                        d -> Long.valueOf(1)
                                .equals(
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "var e = document.querySelector('#main-content [sse-connect]');"
                                                                + " var data = e && e['htmx-internal-data'];"
                                                                + " return data && data.sseEventSource ? data.sseEventSource.readyState : -1;")));
        ((JavascriptExecutor) agent).executeScript("window.civicloopNotReloaded = true;");

        String marker = "LIVE" + random().toUpperCase(Locale.ROOT);
        WebDriver resident = newBrowser();
        resident.get(url("/report"));
        wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
        resident.findElement(By.id("text")).sendKeys("Streetlight out on Oak Avenue near the school " + marker);
        resident.findElement(By.id("submit-report")).click();
        String reference = wait(resident)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("reference")))
                .getText()
                .strip();

        WebElement row = wait(agent)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#inbox-table tr[data-reference='" + reference + "']")));
        assertThat(row.getText()).contains(marker);
        assertThat(((JavascriptExecutor) agent).executeScript("return window.civicloopNotReloaded === true;"))
                .as("the inbox updated in place, without reloading the page")
                .isEqualTo(true);
        screenshot(agent, "10-live-inbox.png");
    }

    @Test
    void anEmergencyRaisesTheAlertOnAnOpenConsolePageAndTheResidentIsToldToCall911() throws IOException {
        // nothing left open from earlier tests: the banner must appear because of this report
        triage.alerts(true, 500).forEach(a -> triage.acknowledgeAlert(a.messageId(), "test"));
        WebDriver agent = newBrowser();
        agent.get(url("/console"));
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        signIn(agent);
        agent.get(url("/console/cases"));
        assertThat(agent.findElements(By.id("emergency-alert-banner"))).isEmpty();
        // the page listens for alerts before anything is reported
        wait(agent)
                .until(
                        d -> Long.valueOf(1)
                                .equals(
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "var e = document.querySelector('.alert-banner-live');"
                                                                + " var data = e && e['htmx-internal-data'];"
                                                                + " return data && data.sseEventSource ? data.sseEventSource.readyState : -1;")));

        String marker = random();
        String email = "resident-" + marker + "@example.org";
        WebDriver resident = newBrowser();
        resident.get(url("/report"));
        wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("text")));
        resident.findElement(By.id("text")).sendKeys("gas smell near the library on Elm " + marker);
        resident.findElement(By.id("email")).sendKeys(email);
        resident.findElement(By.id("submit-report")).click();
        wait(resident).until(ExpectedConditions.visibilityOfElementLocated(By.id("reference")));

        WebElement banner =
                wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-alert-banner")));
        assertThat(banner.getText()).contains("1 emergency alert");
        screenshot(agent, "11-emergency-banner.png");
        assertThat(jdbc.sql(
                                "SELECT body FROM outbox_message WHERE recipient = :to AND idempotency_key LIKE 'emergency:%'")
                        .param("to", email)
                        .query(String.class)
                        .single())
                .contains("call 911 now");

        banner.findElement(By.linkText("See the alerts")).click();
        WebElement row = wait(agent)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#alerts-table tr.alert-open")));
        assertThat(row.getText()).contains("gas").contains("E-mail");
        screenshot(agent, "12-alerts.png");
        row.findElement(By.cssSelector(".acknowledge-form button")).click();
        wait(agent)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("alerts-table"), "Taken by " + agentUsername));
        assertThat(agent.findElements(By.id("emergency-alert-banner"))).isEmpty();

        row = agent.findElement(By.cssSelector("#alerts-table tr.alert-acknowledged"));
        row.findElement(By.linkText("Open the message")).click();
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-badge")));
        screenshot(agent, "13-emergency-message.png");
    }

    private void signIn(WebDriver agent) {
        agent.findElement(By.id("username")).sendKeys(agentUsername);
        agent.findElement(By.id("password")).sendKeys(AGENT_PASSWORD);
        agent.findElement(By.id("sign-in")).click();
        wait(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("inbox-table")));
        assertThat(agent.getCurrentUrl()).contains("/console/inbox");
    }

    private ChromeDriver newBrowser() throws IOException {
        Path profile = Files.createTempDirectory("civicloop-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile,
                "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "en-US,en");
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
        browsers.add(new Browser(driver, service, profile));
        return driver;
    }

    /** The words in an element as written, before CSS capitalises them (status tags are uppercase). */
    private static String text(WebDriver driver, By by) {
        // htmx may swap the element between finding it and reading it: find it again
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(by).getDomProperty("textContent").strip();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) throw e;
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private long storedMessages() {
        return messages.countByStatus().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A small real PNG a resident might attach: grey asphalt with a dark hole in it. */
    private static Path potholePng() throws IOException {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                double dx = (x - 80) / 50.0, dy = (y - 60) / 30.0;
                image.setRGB(x, y, dx * dx + dy * dy < 1 ? 0x2b2b2b : 0x8a8a8a);
            }
        }
        Path file = Files.createTempFile("pothole-", ".png");
        file.toFile().deleteOnExit();
        ImageIO.write(image, "png", file.toFile());
        return file.toAbsolutePath();
    }

    /** Accessibility problems found on the pages screenshotted so far, one line each. */
    private final List<String> accessibilityViolations = new java.util.ArrayList<>();

    /**
     * Runs axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now (the page a person
     * sees at this step), and remembers every violation of impact serious or critical.
     */
    @SuppressWarnings("unchecked")
    private void checkAccessibility(WebDriver driver, String page) {
        try (var in = ResidentToCaseBrowserTests.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in)
                    .as("axe-core is fetched into target/test-classes/axe by the build")
                    .isNotNull();
            String axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            var js = (org.openqa.selenium.JavascriptExecutor) driver;
            js.executeScript(axe);
            Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                    + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))))"
                    + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));");
            var violations = (List<Map<String, Object>>) result;
            System.out.println("axe-core on " + page + ": " + violations.size() + " rule(s) violated "
                    + violations.stream()
                            .map(v -> v.get("id") + "/" + v.get("impact"))
                            .toList());
            for (Map<String, Object> violation : violations) {
                if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                    accessibilityViolations.add(page + ": " + violation.get("id") + " (" + violation.get("impact")
                            + ") " + violation.get("help") + " at " + violation.get("nodes"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void pagesMeetWcagAA() {
        assertThat(accessibilityViolations)
                .as("WCAG 2.1 A/AA violations (axe-core)")
                .isEmpty();
    }

    /** The whole page, not just the window, when Chromium can (DevTools); the window otherwise. */
    @SuppressWarnings("unchecked")
    private void screenshot(WebDriver driver, String name) {
        checkAccessibility(driver, name);
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png;
            try {
                ChromeDriver chrome = (ChromeDriver) driver;
                Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
                Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
                double width = ((Number) size.get("width")).doubleValue();
                double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
                Map<String, Object> shot = chrome.executeCdpCommand(
                        "Page.captureScreenshot",
                        Map.of(
                                "format",
                                "png",
                                "captureBeyondViewport",
                                true,
                                "clip",
                                Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
                png = Base64.getDecoder().decode((String) shot.get("data"));
            } catch (RuntimeException e) {
                png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            }
            Files.write(SCREENSHOTS.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
