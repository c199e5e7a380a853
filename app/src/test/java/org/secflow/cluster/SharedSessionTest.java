package org.secflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A person's webapps session is kept in the database, not in the node's memory, so that any node of a cluster
 * serves their next request (the cluster itself: reliability/HaproxyClusterIT). Over real HTTP as the Tasklist
 * calls: the login is a row any node reads, and a logout ends it for every node.
 */
@IntegrationTest
class SharedSessionTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired IdentityService identityService;

    @BeforeEach
    void staff() {
        Staff.ensure(identityService);
    }

    @Test
    void theLoginIsARowOfTheDatabaseThatEveryNodeReads() {
        Browser browser = new Browser(port);
        assertThat(browser.login("engineer").statusCode()).isEqualTo(200);
        assertThat(browser.tasklistCall()).isEqualTo(200);
        String session = browser.sessionCookie();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION_ATTRIBUTES a JOIN SPRING_SESSION s "
                + "ON s.PRIMARY_ID = a.SESSION_PRIMARY_ID WHERE a.ATTRIBUTE_NAME = 'authenticatedUser' AND s.SESSION_ID = ?",
                Integer.class, Browser.decode(session))).as("the login in the shared table").isOne();
        assertThat(browser.apiCall("/api/compliance/clauses")).as("our API reads the same session").isEqualTo(200);

        // another node knows nothing but the table: without its row the session is gone
        jdbc.update("DELETE FROM SPRING_SESSION WHERE SESSION_ID = ?", Browser.decode(session));
        assertThat(browser.tasklistCall()).isEqualTo(401);
    }

    @Test
    void aLogoutEndsTheSessionForEveryNode() {
        Browser browser = new Browser(port);
        assertThat(browser.login("manager").statusCode()).isEqualTo(200);
        assertThat(browser.tasklistCall()).isEqualTo(200);

        assertThat(browser.logout().statusCode()).isEqualTo(200);

        // Camunda's logout changes the session's object in place: only written back does it reach the table
        assertThat(browser.tasklistCall()).as("the webapps after the logout").isEqualTo(401);
        assertThat(browser.apiCall("/api/compliance/clauses")).as("our API after the logout").isEqualTo(401);
    }

    /** A browser of the webapps: cookies, the CSRF token, the login form. */
    static final class Browser {

        private final String base;
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client;
        private String csrf = "";

        Browser(int port) {
            this.base = "http://localhost:" + port;
            this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        HttpResponse<String> login(String user) {
            send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(Staff.PASSWORD, StandardCharsets.UTF_8);
            return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> logout() {
            return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/logout"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
        }

        int tasklistCall() {
            return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default/task/count")).GET())
                    .statusCode();
        }

        int apiCall(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET()).statusCode();
        }

        String sessionCookie() {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("SESSION"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow();
        }

        /** Spring Session's cookie carries the session id in Base64. */
        static String decode(String cookie) {
            return new String(java.util.Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> response = client.send(request.header("X-XSRF-TOKEN", csrf).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> csrf = token);
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
