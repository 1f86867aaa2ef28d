package io.audiohook.connector.web.console;

import static io.audiohook.connector.testkit.TestCalls.await;
import static io.audiohook.connector.testkit.TestCalls.call;
import static io.audiohook.connector.testkit.TestCalls.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.audiohook.connector.client.AudioHookClient;
import io.audiohook.connector.client.WavAudioSource;
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
    @TestHTTPResource("/")
    URL console;
    @TempDir
    Path profile;

    @Test
    void aCallIsFollowedFromItsFirstWordsToItsEnd() throws Exception {
        try (ConsolePage page = new ConsolePage(console, profile)) {
            page.until("the stream", b -> page.text("connection").equals("live"));

            String conversation = UUID.randomUUID().toString();
            AudioHookClient client = connect(call(endpoint).conversationId(conversation));
            await(client.open());
            String session = client.config().sessionId();
            By item = By.cssSelector(".call[data-session='" + session + "']");
            WebElement listed = page.until("the call in the list", b -> b.findElement(item));
            assertTrue(listed.getText().contains(conversation), listed.getText());
            listed.click();
            // in real time, as Genesys sends it, so the transcript comes in as a person would watch it
            WavAudioSource.Wav speech = WavAudioSource.Wav.fromResource(TestCalls.SPEECH);
            CompletableFuture<Void> streaming = client.streamAudio(speech.newSource(), Duration.ofMillis(200), true);
            // Genesys pings all call long: the session stays up while the test looks at the page after the audio
            ScheduledFuture<?> pings = TestCalls.RESOURCES.scheduler()
                    .scheduleAtFixedRate(client::sendPing, 1, 1, TimeUnit.SECONDS);

            // each line comes as it is recognised; what is still being said when the audio ends is finalised at
            // the close
            page.until("the first lines of both", b -> !page.lines("END_USER").isEmpty()
                    && !page.lines("HUMAN_AGENT").isEmpty());
            page.until("a suggestion", b -> !b.findElements(By.cssSelector("#timeline .entry.suggestion")).isEmpty());
            page.screenshot(Path.of("target", "screenshots", "console.png"));

            streaming.get(30, TimeUnit.SECONDS);
            pings.cancel(false);
            await(client.close("end"));
            page.until("every line, the last ones finalised at the close", b -> page.lines("HUMAN_AGENT").size() >= 2
                    && page.lines("END_USER").size() >= 2);
            assertEquals(List.of("Hi, I lost my bank card. What is my balance?", "Thanks. Can I get a new card?"),
                    page.lines("END_USER"));
            assertEquals(List.of("I blocked the card. Your balance is four hundred dollars.",
                    "Yes, it will arrive in five days."), page.lines("HUMAN_AGENT"));
            List<String> order = page.browser.findElements(By.cssSelector("#timeline .entry.transcript")).stream()
                    .map(e -> e.getAttribute("data-role")).toList();
            assertEquals(List.of("END_USER", "HUMAN_AGENT", "END_USER", "HUMAN_AGENT"), order, "in the order spoken");
            page.until("the end", b -> b.findElement(item).getAttribute("data-state").equals("ended"));
            String outcome = page.find(item).findElement(By.className("outcome")).getAttribute("textContent");
            assertEquals("ended · closed (end)", outcome);
            page.until("the end on the time line", b -> b.findElements(By.cssSelector("#timeline .entry.protocol .what"))
                    .stream().anyMatch(e -> e.getText().startsWith("ended")));
        }
    }
}
