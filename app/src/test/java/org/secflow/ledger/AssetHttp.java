package org.secflow.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.secflow.support.Staff;

/** The calls of the asset API that {@link org.secflow.support.Http} has no method for: PATCH and file upload. */
final class AssetHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final String baseUrl;

    AssetHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> patchJson(String user, String path, String body) {
        return send(request(user, path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A multipart/form-data upload as a browser sends it: the file in part {@code file}, and optionally the source. */
    HttpResponse<String> upload(String user, String fileName, String content, String source) {
        String boundary = "----secflow" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (fileName != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n");
        }
        if (source != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n" + source + "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request(user, "/api/assets/imports").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    HttpResponse<String> upload(String user, Path file, String source) {
        try {
            return upload(user, file.getFileName().toString(), Files.readString(file), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (user != null) {
            String credentials = user + ":" + Staff.PASSWORD;
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
