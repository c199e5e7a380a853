package org.secflow.intel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.secflow.vulnerability.CsvTable;

/**
 * A CNVD or CNNVD export as CSV (RFC 4180, first line the header, Chinese or English column names): 编号 (CNVD-… or
 * CNNVD-…) and 漏洞名称 required; 危害级别, CVE编号, 影响产品, 发布时间, 漏洞描述, 置信度 optional. A cell that a
 * spreadsheet would run as a formula (= + - @ at its start) refuses the file, as does any bad row, named by its line.
 */
final class CnvdCsvFeed {

    static final String FORMAT = "CSV";

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("id", "id", "编号", "漏洞编号", "cnvd编号", "cnnvd编号", "cnvd", "cnnvd", "cnvd_id", "cnnvd_id");
        alias("name", "name", "title", "名称", "漏洞名称");
        alias("severity", "severity", "level", "危害级别", "漏洞级别", "威胁等级", "等级");
        alias("cve", "cve", "cve_id", "cve编号");
        alias("products", "products", "affected_products", "影响产品", "受影响产品");
        alias("published", "published", "publish_date", "发布时间", "发布日期", "公开日期", "收录时间");
        alias("description", "description", "描述", "漏洞描述");
        alias("confidence", "confidence", "置信度");
    }

    private CnvdCsvFeed() {
    }

    private static void alias(String column, String... names) {
        for (String name : names) {
            ALIASES.put(name, column);
        }
    }

    static boolean recognises(String text) {
        Map<String, Integer> columns = CsvTable.columns(CsvTable.header(text), ALIASES);
        return columns.containsKey("id") && columns.containsKey("name");
    }

    static IntelFeed read(String text) {
        List<List<String>> rows = CsvTable.rows(text, Integer.MAX_VALUE, IntelRejected::new);
        Map<String, Integer> columns = CsvTable.columns(rows.get(0), ALIASES);
        Map<String, IntelItem> items = new LinkedHashMap<>();
        String source = null;
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String where = "CSV 第 " + (r + 1) + " 行";
            for (int c = 0; c < row.size(); c++) {
                if (formula(row.get(c))) {
                    throw new IntelRejected(where + " 第 " + (c + 1) + " 列以 = + - @ 开头，可能是电子表格公式（公式注入），不予导入");
                }
            }
            String id = cell(row, columns, "id");
            String name = cell(row, columns, "name");
            if (id == null || name == null) {
                throw new IntelRejected(where + "：编号和漏洞名称必填");
            }
            id = id.toUpperCase(Locale.ROOT);
            boolean cnvd = FeedItems.CNVD.matcher(id).matches();
            if (!cnvd && !FeedItems.CNNVD.matcher(id).matches()) {
                throw new IntelRejected(where + "：编号「" + FeedItems.clip(id, 40) + "」不是 CNVD 或 CNNVD 编号（应如 CNVD-2024-12345、CNNVD-202404-1234）");
            }
            source = source == null ? (cnvd ? "CNVD" : "CNNVD") : source;
            IntelItem item = FeedItems.vulnerability(FORMAT, id, name);
            String severityText = cell(row, columns, "severity");
            item.setSeverity(FeedItems.level(severityText));
            if (severityText != null && item.getSeverity() == null) {
                throw new IntelRejected(where + "：危害级别「" + FeedItems.clip(severityText, 20) + "」无效，须为 超危、高危、中危、低危（或 高、中、低）");
            }
            String cve = cell(row, columns, "cve");
            if (cve != null) {
                if (!FeedItems.CVE.matcher(cve.toUpperCase(Locale.ROOT)).matches()) {
                    throw new IntelRejected(where + "：CVE 编号「" + FeedItems.clip(cve, 40) + "」格式不正确");
                }
                item.setCveId(cve.toUpperCase(Locale.ROOT));
            }
            String products = cell(row, columns, "products");
            if (products != null) {
                item.setAffectedProducts(Products.toJson(List.of(products.split("[\\n;；]+")).stream()
                        .map(String::strip).filter(p -> !p.isEmpty()).limit(50).map(AffectedProduct::described).toList()));
            }
            item.setPublishedAt(FeedItems.time(cell(row, columns, "published"), where + " 发布时间"));
            item.setDescription(FeedItems.clip(cell(row, columns, "description"), 4000));
            item.setConfidence(confidence(cell(row, columns, "confidence"), where));
            items.putIfAbsent(item.getItemKey(), item);
        }
        return new IntelFeed(FORMAT, source, new ArrayList<>(items.values()), 0);
    }

    private static int confidence(String text, String where) {
        if (text == null) {
            return IntelDefaults.CSV_CONFIDENCE;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new IntelRejected(where + "：置信度须为 0–100 的整数");
    }

    // =, @ always; + and - unless a number follows (a signed value, "-" alone for "none")
    private static boolean formula(String cell) {
        String c = cell.stripLeading();
        if (c.isEmpty()) {
            return false;
        }
        char first = c.charAt(0);
        if (first == '=' || first == '@') {
            return true;
        }
        return (first == '+' || first == '-') && c.length() > 1 && !Character.isDigit(c.charAt(1)) && c.charAt(1) != ' ';
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index).strip();
        return value.isEmpty() || "-".equals(value) ? null : value;
    }
}
