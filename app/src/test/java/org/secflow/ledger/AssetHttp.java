package org.secflow.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.secflow.support.Http;

/** The asset API's calls beyond GET and POST of JSON: PATCH and the discovery file upload. */
final class AssetHttp {

    private final Http http;

    AssetHttp(int port) {
        this.http = new Http(port);
    }

    HttpResponse<String> patchJson(String user, String path, String body) {
        return http.patchJson(user, path, body);
    }

    /** The file in part {@code file} (none when fileName is null), and optionally the source. */
    HttpResponse<String> upload(String user, String fileName, String content, String source) {
        return http.upload(user, "/api/assets/imports", "file", fileName,
                content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8),
                source == null ? Map.of() : Map.of("source", source));
    }

    HttpResponse<String> upload(String user, Path file, String source) {
        try {
            return upload(user, file.getFileName().toString(), Files.readString(file), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
