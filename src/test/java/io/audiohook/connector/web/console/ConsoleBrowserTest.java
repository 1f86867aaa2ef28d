package io.audiohook.connector.web.console;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.WavAudioSource;
import io.audiohook.connector.testkit.Browser;
import io.audiohook.connector.testkit.ConnectorTest;
import io.audiohook.connector.testkit.TestCalls;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in a real browser (Debian's headless Chromium): a call appears in the list, its transcript of both
 * roles comes in order as it is recognised, a suggestion shows, and the call ends with its outcome. The same run
 * takes the README's screenshot ({@code target/screenshots/console.png}).
 */
@QuarkusTest
class ConsoleBrowserTest extends ConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL console;
    @TempDir
    Path profile;

    ChromeDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open(profile);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        // the list is drawn anew on every tick: an element found a moment ago may be gone
        return (WebDriverWait) new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    /** Waits for {@code condition}; on a timeout the page as it was is kept in {@code target/} to look at. */
    private void until(String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition)
            throws java.io.IOException {
        try {
            waiting().withMessage(what).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            Files.writeString(Path.of("target", "console-failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private List<String> lines(String role) {
        return browser.findElements(By.cssSelector("#timeline .entry.transcript[data-role='" + role + "'] .what"))
                .stream().map(e -> e.getText().split("\n")[0]).toList();
    }

    @Test
    void aCallIsFollowedFromItsFirstWordsToItsEnd() throws Exception {
        browser.get(console.toString());
        waiting().until(b -> b.findElement(By.id("connection")).getText().equals("live"));

        String conversation = UUID.randomUUID().toString();
        AudioHookClient client = connect(call(endpoint).conversationId(conversation));
        await(client.open());
        String session = client.config().sessionId();
        By item = By.cssSelector(".call[data-session='" + session + "']");
        WebElement listed = waiting().until(b -> b.findElement(item));
        assertTrue(listed.getText().contains(conversation), listed.getText());
        listed.click();
        // in real time, as Genesys sends it, so the transcript comes in as a person would watch it
        WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
        CompletableFuture<Void> streaming = client.streamAudio(speech.newSource(), Duration.ofMillis(200), true);
        // Genesys pings all call long: the session stays up while the test looks at the page after the audio ended
        java.util.concurrent.ScheduledFuture<?> pings = TestCalls.RESOURCES.scheduler()
                .scheduleAtFixedRate(client::sendPing, 1, 1, TimeUnit.SECONDS);

        // each line comes as it is recognised; what is still being said when the audio ends is finalised at the close
        until("the first lines of both", b -> !lines("END_USER").isEmpty() && !lines("HUMAN_AGENT").isEmpty());
        until("a suggestion", b -> !b.findElements(By.cssSelector("#timeline .entry.suggestion")).isEmpty());
        Path shot = Path.of("target", "screenshots", "console.png");
        Files.createDirectories(shot.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);

        streaming.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        pings.cancel(false);
        await(client.close("end"));
        until("every line, the last ones finalised at the close", b -> lines("HUMAN_AGENT").size() >= 2
                && lines("END_USER").size() >= 2);
        assertEquals(List.of("Hi, I lost my bank card. What is my balance?", "Thanks. Can I get a new card?"),
                lines("END_USER"));
        assertEquals(List.of("I blocked the card. Your balance is four hundred dollars.",
                "Yes, it will arrive in five days."), lines("HUMAN_AGENT"));
        List<String> order = browser.findElements(By.cssSelector("#timeline .entry.transcript")).stream()
                .map(e -> e.getAttribute("data-role")).toList();
        assertEquals(List.of("END_USER", "HUMAN_AGENT", "END_USER", "HUMAN_AGENT"), order, "in the order spoken");
        waiting().until(b -> b.findElement(item).getAttribute("data-state").equals("ended"));
        String outcome = browser.findElement(item).findElement(By.className("outcome")).getAttribute("textContent");
        assertEquals("ended · closed (end)", outcome);
        waiting().until(b -> b.findElements(By.cssSelector("#timeline .entry.protocol .what")).stream()
                .anyMatch(e -> e.getText().startsWith("ended")));
    }
}
