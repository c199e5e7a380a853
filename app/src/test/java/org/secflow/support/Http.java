package org.secflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** Real HTTP calls against the running application, as a user (HTTP Basic) or anonymously (user null). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String password;

    public Http(int port) {
        this(port, Staff.PASSWORD);
    }

    /** Calls with a password other than the staff's, to see it refused. */
    public Http(int port, String password) {
        this.baseUrl = "http://localhost:" + port;
        this.password = password;
    }

    public HttpResponse<String> get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    /** A GET whose answer is binary (a zip, a PDF). */
    public HttpResponse<byte[]> getBytes(String user, String path) {
        try {
            return CLIENT.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String user, String path, String body) {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public HttpResponse<String> putJson(String user, String path, String body) {
        return send(user, path, "PUT", "application/json", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    public HttpResponse<String> patchJson(String user, String path, String body) {
        return send(user, path, "PATCH", "application/json", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** Any request, with the method, content type and body the caller chooses. */
    public HttpResponse<String> send(String user, String path, String method, String contentType,
                                     HttpRequest.BodyPublisher body) {
        return send(request(user, path).header("Content-Type", contentType).method(method, body).build());
    }

    /**
     * A multipart/form-data upload as a browser or {@code curl -F} sends it: the file in part {@code fileField}
     * (left out when {@code fileName} is null), then the text fields.
     */
    public HttpResponse<String> upload(String user, String path, String fileField, String fileName, byte[] content,
                                       Map<String, String> fields) {
        String boundary = "----secflow" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (fileName != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        }
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        write(body, "--" + boundary + "--\r\n");
        return send(user, path, "POST", "multipart/form-data; boundary=" + boundary,
                HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Values as the engine REST API takes them ({@code {"key": {"value": …}}}), the type left to the engine. */
    public static Map<String, Object> variables(Map<String, Object> values) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        values.forEach((key, value) -> variables.put(key, java.util.Collections.singletonMap("value", value)));
        return variables;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (user != null) {
            String credentials = user + ":" + password;
            builder.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
