package org.secflow.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Properties;

/**
 * Creates and rotates key files, from the application jar:
 *
 * <pre>
 * java -cp secflow-app.jar -Dloader.main=org.secflow.crypto.KeyTool \
 *      org.springframework.boot.loader.launch.PropertiesLauncher generate /etc/secflow/keys.properties
 * ... rotate /etc/secflow/keys.properties      # new current HMAC-SM3 and SM4 keys, old ones kept
 * </pre>
 *
 * Prints key ids only, never keys.
 */
public final class KeyTool {

    private KeyTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("generate") || args[0].equals("rotate"))) {
            System.err.println("usage: KeyTool generate|rotate <key-file>");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        if (args[0].equals("generate")) {
            if (Files.exists(file)) {
                System.err.println(file + " exists; use rotate");
                System.exit(1);
            }
            KeyRing.generate(file);
        } else {
            rotate(file);
        }
        System.out.println(KeyRing.load(file));
    }

    /** Adds a new key of each kind and makes it current; every old key stays, to verify and decrypt old data. */
    static void rotate(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        KeyRing.fromProperties(properties, file.toString());
        String suffix = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        properties.setProperty(KeyRing.AUDIT + "a" + suffix, KeyRing.randomKey(32));
        properties.setProperty(KeyRing.AUDIT + "current", "a" + suffix);
        properties.setProperty(KeyRing.DATA + "d" + suffix, KeyRing.randomKey(16));
        properties.setProperty(KeyRing.DATA + "current", "d" + suffix);
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next);
        try {
            Files.setPosixFilePermissions(next, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows
        }
        try (Writer out = Files.newBufferedWriter(next, StandardCharsets.ISO_8859_1)) {
            properties.store(out, "SecFlow keys, rotated " + suffix);
        }
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
