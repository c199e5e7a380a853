package org.secflow.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A browser's session with the Camunda webapps, over real HTTP: CSRF token, login form, cookies. */
final class WebLogin {

    private final String base;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private String csrf;

    WebLogin(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Posts the webapps' login form (as the Tasklist's login page does); secondFactor may be null. */
    HttpResponse<String> login(String user, String password, String secondFactor) {
        csrf = send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).GET().build())
                .headers().firstValue("X-XSRF-TOKEN").orElse(csrf);
        String form = "username=" + encode(user) + "&password=" + encode(password)
                + (secondFactor == null ? "" : "&secondFactor=" + encode(secondFactor));
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("X-XSRF-TOKEN", csrf).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    HttpResponse<String> logout() {
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/logout"))
                .header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** A call of the webapps' engine API with the session, as the Tasklist makes: 401 without a session. */
    int tasklistCall() {
        return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default/task/count"))
                .header("X-XSRF-TOKEN", csrf == null ? "" : csrf).GET().build()).statusCode();
    }

    HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // the webapps give a new CSRF token with a new session (after the login)
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
