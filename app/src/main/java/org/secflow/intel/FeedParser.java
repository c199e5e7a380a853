package org.secflow.intel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Recognises a feed file by its content (not its name) and reads it completely before anything is stored:
 * STIX 2.1 bundle, NVD CVE JSON 2.0, CISA KEV JSON, or a CNVD/CNNVD CSV export. Refused like the scanner imports
 * refuse theirs: empty, binary, XML (no DOCTYPE or entity is ever parsed: XML is not read at all), JSON too deep
 * or broken (Jackson's limits), formulas in CSV cells.
 */
final class FeedParser {

    static final String ACCEPTED = "支持 STIX 2.1 bundle（JSON）、NVD CVE JSON 2.0、CISA KEV JSON 和 CNVD/CNNVD 导出的 CSV";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FeedParser() {
    }

    static IntelFeed parse(byte[] content) {
        if (content.length == 0) {
            throw new IntelRejected("文件为空");
        }
        for (int i = 0; i < Math.min(content.length, 8192); i++) {
            if (content[i] == 0) {
                throw new IntelRejected("文件不是文本格式的情报；" + ACCEPTED);
            }
        }
        String text = decode(content);
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String start = text.stripLeading();
        if (start.startsWith("<")) {
            throw new IntelRejected("不接受 XML 格式的情报（STIX 1.x、CNVD XML 等）；" + ACCEPTED);
        }
        if (start.startsWith("{") || start.startsWith("[")) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JacksonException e) {
                String where = e.getLocation() == null ? "" : "（第 " + e.getLocation().getLineNr() + " 行）";
                throw new IntelRejected("JSON 格式不正确" + where + "，可能已损坏、不完整或嵌套过深");
            }
            if (StixFeed.recognises(root)) {
                return StixFeed.read(root);
            }
            if (KevFeed.recognises(root)) {
                return KevFeed.read(root);
            }
            if (NvdFeed.recognises(root)) {
                return NvdFeed.read(root);
            }
            throw new IntelRejected("无法识别的 JSON 情报；" + ACCEPTED);
        }
        if (!CnvdCsvFeed.recognises(text)) {
            throw new IntelRejected("无法识别的文件格式；" + ACCEPTED + "（CSV 首行须含 编号 和 漏洞名称 列）");
        }
        return CnvdCsvFeed.read(text);
    }

    // UTF-8 as the feeds are published; CSV saved by Excel on a Chinese Windows is GB18030.
    private static String decode(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(content, Charset.forName("GB18030"));
        }
    }
}
