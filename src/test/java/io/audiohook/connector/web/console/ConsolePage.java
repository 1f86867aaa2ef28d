package io.audiohook.connector.web.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.audiohook.connector.testkit.Browser;

/** The console open in Debian's headless Chromium, and the waits a test of it needs. */
final class ConsolePage implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver browser;

    ConsolePage(URL console, Path profile) {
        browser = Browser.open(profile);
        browser.get(console.toString());
    }

    /**
     * Waits for {@code condition}; the list is drawn anew on every tick, so an element found a moment ago may be
     * gone and is looked for again. On a timeout the page as it was is kept in {@code target/} to look at.
     */
    <T> T until(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, WAIT, Duration.ofMillis(100))
                    .ignoring(StaleElementReferenceException.class).withMessage(what).until(condition);
        } catch (TimeoutException e) {
            try {
                Files.writeString(Path.of("target", "console-failure.html"), browser.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
    }

    WebElement find(By by) {
        return browser.findElement(by);
    }

    boolean shown(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The lines of the followed call's transcript of one role, as shown. */
    List<String> lines(String role) {
        return browser.findElements(By.cssSelector("#timeline .entry.transcript[data-role='" + role + "'] .what"))
                .stream().map(e -> e.getText().split("\n")[0]).toList();
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.quit();
    }
}
