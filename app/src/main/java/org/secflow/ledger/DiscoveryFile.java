package org.secflow.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.secflow.vulnerability.CsvTable;
import org.secflow.web.InvalidInputException;

/**
 * Reads a discovery tool's export: CSV with a header row (UTF-8, RFC 4180 quoting; column names as the
 * English keys or their Chinese labels) or a JSON array of objects with the same keys. It only reads;
 * the values are checked by the import.
 */
final class DiscoveryFile {

    static final List<String> COLUMNS = List.of("kind", "identifier", "name", "exposure", "observedAt", "resolves",
            "portOpen", "parent");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One item of the file: where it is (CSV line number or JSON position, from 1) and its values by key. */
    record Row(String place, Map<String, String> values) {
    }

    private DiscoveryFile() {
    }

    static List<Row> read(String fileName, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (content.length == 0) {
            throw new InvalidInputException("file", "文件：文件为空");
        }
        String text = utf8(content);
        if (name.endsWith(".csv")) {
            return csv(text);
        }
        if (name.endsWith(".json")) {
            return json(text);
        }
        throw new InvalidInputException("file", "文件：须为 .csv 或 .json 文件");
    }

    private static String utf8(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            // spreadsheets write a byte order mark before the header
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("file", "文件：须为 UTF-8 编码");
        }
    }

    private static List<Row> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "（第 " + e.getLocation().getLineNr() + " 行）";
            throw new InvalidInputException("file", "文件：不是有效的 JSON" + where);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException("file", "文件：JSON 须为数组，每项一个资产");
        }
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (JsonNode item : root) {
            index++;
            Map<String, String> values = new HashMap<>();
            if (item.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String key = column(field.getKey());
                    JsonNode value = field.getValue();
                    String cell = value.isNull() ? "" : value.isValueNode() ? value.asText().strip() : value.toString();
                    if (key != null && !cell.isEmpty()) {
                        values.put(key, cell);
                    }
                }
            } else {
                values.put("_notAnObject", item.toString());
            }
            rows.add(new Row("第 " + index + " 项", values));
        }
        return rows;
    }

    private static List<Row> csv(String text) {
        List<CsvTable.Row> records = CsvTable.numberedRows(text, Integer.MAX_VALUE,
                reason -> new InvalidInputException("file", "文件：" + reason));
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "文件：缺少表头行");
        }
        List<String> header = records.get(0).cells().stream().map(DiscoveryFile::column).toList();
        if (!header.contains("kind") || !header.contains("identifier")) {
            throw new InvalidInputException("file", "文件：表头须至少含 kind（资产类型）和 identifier（资产标识）列，可选列："
                    + String.join("、", COLUMNS.subList(2, COLUMNS.size())));
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r).cells();
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                if (header.get(c) != null && !cells.get(c).isBlank()) {
                    values.put(header.get(c), cells.get(c).strip());
                }
            }
            if (cells.size() > header.size() && cells.subList(header.size(), cells.size()).stream().anyMatch(s -> !s.isBlank())) {
                values.put("_extraCells", String.valueOf(cells.size()));
            }
            rows.add(new Row("第 " + records.get(r).line() + " 行", values));
        }
        return rows;
    }

    /** The key of a column or JSON field named by its key or its Chinese label; null for others. */
    private static String column(String heading) {
        String name = heading.strip();
        for (String key : COLUMNS) {
            if (key.equalsIgnoreCase(name) || AssetVocabulary.label(key).equals(name)) {
                return key;
            }
        }
        return null;
    }
}
