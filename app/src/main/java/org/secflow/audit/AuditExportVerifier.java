package org.secflow.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.secflow.crypto.KeyRing;
import org.secflow.crypto.Sm3;

/**
 * Checks a signed audit export ({@link AuditExport}) with the key file alone, no database: the
 * manifest's HMAC-SM3 signature, the entries file's SM3 against the manifest, the count, and each
 * entry's own HMACs and its link to the entry before it. From the application jar:
 *
 * <pre>
 * java -cp secflow-app.jar -Dloader.main=org.secflow.audit.AuditExportVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher /etc/secflow/keys.properties export.zip
 * </pre>
 *
 * Exit code 0 when the export is intact, 1 when not (with the reason), 2 on wrong usage.
 */
public final class AuditExportVerifier {

    private static final long MAX_FILE = 512L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditExportVerifier() {
    }

    /** The outcome: intact or not, how many entries, the manifest's period, and what is wrong. */
    public record Result(boolean valid, long entries, String from, String to, String reason) {
        static Result broken(String reason) {
            return new Result(false, 0, null, null, reason);
        }
    }

    public static Result verify(byte[] zip, KeyRing keys) {
        Map<String, byte[]> files;
        try {
            files = unzip(zip);
        } catch (IOException | IllegalArgumentException e) {
            return Result.broken("不是可读取的审计导出文件（zip）：" + e.getMessage());
        }
        for (String name : new String[] {AuditExport.MANIFEST, AuditExport.ENTRIES, AuditExport.SIGNATURE}) {
            if (!files.containsKey(name)) {
                return Result.broken("导出文件缺少 " + name);
            }
        }
        if (files.size() != 3) {
            return Result.broken("导出文件含有多余的文件：" + files.keySet());
        }
        String[] signature = new String(files.get(AuditExport.SIGNATURE), StandardCharsets.US_ASCII).strip().split(" ");
        if (signature.length != 3 || !"HMAC-SM3".equals(signature[0])) {
            return Result.broken("签名文件格式不符");
        }
        byte[] key = keys.hmacKey(signature[1]);
        if (key == null) {
            return Result.broken("签名所用密钥 " + signature[1] + " 不在密钥文件中");
        }
        if (!Sm3.same(Sm3.hexOf(Sm3.hmac(key, files.get(AuditExport.MANIFEST))), signature[2])) {
            return Result.broken("清单签名不符（清单被修改，或不是用此密钥签发的）");
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(files.get(AuditExport.MANIFEST));
        } catch (IOException e) {
            return Result.broken("清单不可读取");
        }
        if (!AuditExport.FORMAT.equals(manifest.path("format").asText())) {
            return Result.broken("未知的导出格式 " + manifest.path("format").asText());
        }
        byte[] entries = files.get(AuditExport.ENTRIES);
        if (!Sm3.same(Sm3.digestHex(entries), manifest.path("entriesSm3").asText())) {
            return Result.broken("记录文件的 SM3 与清单不符（记录被修改、增加或删除）");
        }
        long count = 0;
        long previousSeq = -1;
        String previousHash = null;
        for (String text : new String(entries, StandardCharsets.UTF_8).split("\n")) {
            if (text.isEmpty()) {
                continue;
            }
            count++;
            JsonNode line;
            try {
                line = JSON.readTree(text);
            } catch (IOException e) {
                return Result.broken("第 " + count + " 条记录不可读取");
            }
            long seq = line.path("seq").asLong();
            byte[] entryKey = keys.hmacKey(line.path("keyId").asText(null));
            if (!AuditChain.HMAC_SM3.equals(line.path("algorithm").asText()) || entryKey == null) {
                return Result.broken("序号 " + seq + " 的记录未以已知密钥封存");
            }
            String contentHash = line.path("contentHash").asText();
            if (!Sm3.same(Sm3.hmacHex(entryKey, line.path("content").asText()), contentHash)) {
                return Result.broken("序号 " + seq + " 的记录内容与其 HMAC 不符");
            }
            String prev = line.path("prevHash").asText();
            if (!Sm3.same(AuditChain.entryHash(entryKey, seq, prev, contentHash, line.path("keyId").asText()),
                    line.path("entryHash").asText())) {
                return Result.broken("序号 " + seq + " 的记录 HMAC 不符");
            }
            if (seq <= previousSeq) {
                return Result.broken("序号 " + seq + " 的记录顺序不符");
            }
            if (seq == previousSeq + 1 && !prev.equals(previousHash)) {
                return Result.broken("序号 " + seq + " 的前一记录哈希不符");
            }
            previousSeq = seq;
            previousHash = line.path("entryHash").asText();
        }
        if (count != manifest.path("entries").asLong()) {
            return Result.broken("记录数 " + count + " 与清单的 " + manifest.path("entries").asLong() + " 不符");
        }
        return new Result(true, count, manifest.path("from").asText(), manifest.path("to").asText(), null);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (files.containsKey(entry.getName())) {
                    throw new IllegalArgumentException("文件 " + entry.getName() + " 重复");
                }
                files.put(entry.getName(), read(in));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("空文件");
        }
        return files;
    }

    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > MAX_FILE) {
                throw new IllegalArgumentException("文件过大");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: AuditExportVerifier <key-file> <export.zip>");
            System.exit(2);
        }
        Result result = verify(Files.readAllBytes(Path.of(args[1])), KeyRing.load(Path.of(args[0])));
        System.out.println(result.valid()
                ? "完好: " + result.entries() + " 条记录, " + result.from() + " 至 " + result.to()
                : "已损坏: " + result.reason());
        System.exit(result.valid() ? 0 : 1);
    }
}
