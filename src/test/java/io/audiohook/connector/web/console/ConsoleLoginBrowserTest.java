package io.audiohook.connector.web.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import io.audiohook.connector.web.api.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The console as production serves it when an admin enables it: the page asks for the HTTP API's token (the UI
 * connector's JWT), refuses a bad one, and with a good one shows the calls; its API refuses anyone without one.
 */
@QuarkusTest
@TestProfile(ConsoleLoginBrowserTest.TokenRequired.class)
class ConsoleLoginBrowserTest {

    public static class TokenRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("connector.console.token-required", "true");
        }
    }

    @TestHTTPResource("/")
    URL console;
    @TempDir
    Path profile;

    @Test
    void theApiRefusesAnyoneWithoutTheToken() {
        given().get("/console/api/info").then().statusCode(200);
        given().get("/console/api/stream").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer not-a-token").get("/console/api/stream").then().statusCode(401);
        given().post("/console/api/demo-calls").then().statusCode(401);
        given().get("/console").then().statusCode(200); // the page itself holds nothing: it asks for the token
    }

    @Test
    void theLoginRefusesABadTokenAndAcceptsAGoodOne() {
        try (ConsolePage page = new ConsolePage(console, profile)) {
            page.until("the login box", b -> page.shown("login"));
            assertFalse(page.shown("board"));
            assertFalse(page.shown("login-error"));
            assertEquals("signed out", page.text("connection"));

            page.find(By.id("token")).sendKeys("eyJhbGciOiJIUzI1NiJ9.e30.not-signed-by-the-ui-connector");
            page.find(By.id("sign-in")).click();
            page.until("the refusal", b -> page.shown("login-error"));
            assertTrue(page.shown("login"));
            assertFalse(page.shown("board"));

            page.find(By.id("token")).sendKeys(TestTokens.valid());
            page.find(By.id("sign-in")).click();
            page.until("the console", b -> page.text("connection").equals("live"));
            assertTrue(page.shown("board"));
            assertFalse(page.shown("login"));

            page.browser.navigate().refresh(); // kept for the tab
            page.until("the console again, without a login", b -> page.text("connection").equals("live"));
            assertFalse(page.shown("login"));
        }
    }
}
