package io.audiohook.connector.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The console in a real browser (Debian's headless Chromium), as a newcomer uses it: <em>Place a demo call</em>
 * places one through the instance's own endpoint, the call appears in the list, its transcript of both
 * roles comes in order as it is recognised, a suggestion shows, and the call ends with its outcome. The same run
 * takes the README's screenshot ({@code target/screenshots/console.png}).
 */
@QuarkusTest
class ConsoleBrowserTest {
    @TestHTTPResource("/")
    URL console;
    @TempDir
    Path profile;

    @Test
    void aDemoCallIsFollowedFromItsFirstWordsToItsEnd() {
        try (ConsolePage page = new ConsolePage(console, profile)) {
            page.until("the stream", b -> page.text("connection").equals("live"));
            page.until("the demo button", b -> page.shown("demo-call"));

            page.find(By.id("demo-call")).click();
            // the page follows the call it placed: it is in the list, selected, and its time line fills
            By item = By.cssSelector(".call.selected");
            String session = page.until("the demo call in the list",
                    b -> b.findElement(item).getAttribute("data-session"));
            assertEquals("session " + session, page.text("detail-title"));
            By listed = By.cssSelector(".call[data-session='" + session + "']");

            // each line comes as it is recognised, in real time, as a person would watch it
            page.until("the first lines of both", b -> !page.lines("END_USER").isEmpty()
                    && !page.lines("HUMAN_AGENT").isEmpty());
            page.until("a suggestion", b -> !b.findElements(By.cssSelector("#timeline .entry.suggestion")).isEmpty());
            page.screenshot(Path.of("target", "screenshots", "console.png"));

            // the demo call hangs up at the end of the recording, as Genesys does (close, reason end)
            page.until("the end", b -> "ended".equals(b.findElement(listed).getAttribute("data-state")));
            page.until("every line, the last ones finalised at the close", b -> page.lines("HUMAN_AGENT").size() >= 2
                    && page.lines("END_USER").size() >= 2);
            assertEquals(List.of("Hi, I lost my bank card. What is my balance?", "Thanks. Can I get a new card?"),
                    page.lines("END_USER"));
            assertEquals(List.of("I blocked the card. Your balance is four hundred dollars.",
                    "Yes, it will arrive in five days."), page.lines("HUMAN_AGENT"));
            List<String> order = page.browser.findElements(By.cssSelector("#timeline .entry.transcript")).stream()
                    .map(e -> e.getAttribute("data-role")).toList();
            assertEquals(List.of("END_USER", "HUMAN_AGENT", "END_USER", "HUMAN_AGENT"), order, "in the order spoken");
            String outcome = page.until("the outcome",
                    b -> b.findElement(listed).findElement(By.className("outcome")).getAttribute("textContent"));
            assertEquals("ended · closed (end)", outcome);
            List<String> protocol = page.browser.findElements(By.cssSelector("#timeline .entry.protocol .what"))
                    .stream().map(e -> e.getText().split("\n")[0]).toList();
            assertEquals("open", protocol.get(0));
            assertTrue(protocol.contains("close"), protocol.toString());
            assertTrue(protocol.get(protocol.size() - 1).startsWith("ended"), protocol.toString());
            // the summary Agent Assist makes of the conversation once it ended
            page.until("the summary", b -> !b.findElements(By.cssSelector("#timeline .entry.summary")).isEmpty());
        }
    }

    @Test
    void theConsoleIsReadableInTheSystemsLightAndDarkThemes() {
        try (ConsolePage page = new ConsolePage(console, profile)) {
            page.until("the stream", b -> page.text("connection").equals("live"));
            for (String theme : List.of("light", "dark")) {
                page.browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
                double background = luminance(page.find(By.cssSelector(".calls-pane")).getCssValue("background-color"));
                for (String selector : List.of("h1", ".calls-pane h2", "#no-calls", "#detail-empty")) {
                    double text = luminance(page.find(By.cssSelector(selector)).getCssValue("color"));
                    double contrast = (Math.max(background, text) + 0.05) / (Math.min(background, text) + 0.05);
                    // WCAG AA for text: 4.5:1
                    assertTrue(contrast >= 4.5, theme + " " + selector + ": contrast " + contrast);
                }
                assertEquals(theme.equals("dark"), background < 0.2, theme + " background luminance " + background);
            }
        }
    }

    /** WCAG's relative luminance of a CSS {@code rgb(r, g, b)} or {@code rgba(...)} colour. */
    private static double luminance(String css) {
        String[] parts = css.replaceAll("[^0-9.,]", "").split(",");
        double[] channel = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Double.parseDouble(parts[i]) / 255;
            channel[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2];
    }
}
