package org.secflow.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NVD's CVE JSON 2.0 (API answer or feed file, {@code "format": "NVD_CVE"}): one vulnerability per CVE with its
 * English description, the level of its newest CVSS metric (v4.0, v3.1, v3.0, v2) and the vulnerable CPEs of its
 * configurations with their version ranges.
 */
final class NvdFeed {

    static final String FORMAT = "NVD";

    private NvdFeed() {
    }

    static boolean recognises(JsonNode root) {
        JsonNode vulnerabilities = root.get("vulnerabilities");
        return root.isObject() && vulnerabilities != null && vulnerabilities.isArray()
                && ("NVD_CVE".equals(FeedItems.text(root, "format"))
                        || vulnerabilities.size() > 0 && vulnerabilities.get(0).has("cve"));
    }

    static IntelFeed read(JsonNode root) {
        List<IntelItem> items = new ArrayList<>();
        int skipped = 0;
        JsonNode vulnerabilities = root.get("vulnerabilities");
        for (int i = 0; i < vulnerabilities.size(); i++) {
            String where = "NVD vulnerabilities[" + i + "]";
            JsonNode cve = vulnerabilities.get(i).get("cve");
            String id = FeedItems.text(cve, "id");
            if (cve == null || id == null || !FeedItems.CVE.matcher(id.strip()).matches()) {
                throw new IntelRejected(where + "：缺少有效的 cve.id（应如 CVE-2024-3400）");
            }
            if ("Rejected".equalsIgnoreCase(FeedItems.text(cve, "vulnStatus"))) {
                skipped++;
                continue;
            }
            String description = description(cve);
            IntelItem item = FeedItems.vulnerability(FORMAT, id.strip(), id.strip() + (description == null ? ""
                    : "：" + (description.length() > 200 ? description.substring(0, 200) + "…" : description)));
            item.setDescription(FeedItems.clip(description, 4000));
            item.setSeverity(severity(cve.get("metrics")));
            item.setPublishedAt(FeedItems.time(FeedItems.text(cve, "published"), where + " published"));
            item.setConfidence(IntelDefaults.NVD_CONFIDENCE);
            item.setAffectedProducts(Products.toJson(products(cve.get("configurations"))));
            items.add(item);
        }
        return new IntelFeed(FORMAT, "NVD", items, skipped);
    }

    private static String description(JsonNode cve) {
        JsonNode descriptions = cve.get("descriptions");
        String any = null;
        if (descriptions != null && descriptions.isArray()) {
            for (JsonNode d : descriptions) {
                String value = FeedItems.text(d, "value");
                if ("zh".equals(FeedItems.text(d, "lang")) || "en".equals(FeedItems.text(d, "lang"))) {
                    return value;
                }
                any = any == null ? value : any;
            }
        }
        return any;
    }

    private static String severity(JsonNode metrics) {
        if (metrics == null) {
            return null;
        }
        for (String version : List.of("cvssMetricV40", "cvssMetricV31", "cvssMetricV30", "cvssMetricV2")) {
            JsonNode list = metrics.get(version);
            if (list != null && list.isArray() && list.size() > 0) {
                JsonNode metric = list.get(0);
                String level = FeedItems.level(FeedItems.text(metric.get("cvssData"), "baseSeverity"));
                return level != null ? level : FeedItems.level(FeedItems.text(metric, "baseSeverity"));
            }
        }
        return null;
    }

    // cpe:2.3:a:vendor:product:version:… of every vulnerable match, with its range
    private static List<AffectedProduct> products(JsonNode configurations) {
        List<AffectedProduct> products = new ArrayList<>();
        if (configurations == null || !configurations.isArray()) {
            return products;
        }
        for (JsonNode configuration : configurations) {
            JsonNode nodes = configuration.get("nodes");
            if (nodes == null || !nodes.isArray()) {
                continue;
            }
            for (JsonNode node : nodes) {
                JsonNode matches = node.get("cpeMatch");
                if (matches == null || !matches.isArray() || node.path("negate").asBoolean(false)) {
                    continue;
                }
                for (JsonNode match : matches) {
                    String criteria = FeedItems.text(match, "criteria");
                    if (!match.path("vulnerable").asBoolean(false) || criteria == null) {
                        continue;
                    }
                    String[] cpe = criteria.split("(?<!\\\\):");
                    if (cpe.length < 6 || !"cpe".equals(cpe[0]) || products.size() >= 200) {
                        continue;
                    }
                    products.add(new AffectedProduct(unescape(cpe[3]), unescape(cpe[4]), unescape(cpe[5]),
                            FeedItems.text(match, "versionStartIncluding"), FeedItems.text(match, "versionStartExcluding"),
                            FeedItems.text(match, "versionEndIncluding"), FeedItems.text(match, "versionEndExcluding"), false));
                }
            }
        }
        return products.stream().distinct().toList();
    }

    private static String unescape(String part) {
        return part.replace("\\", "").toLowerCase(Locale.ROOT);
    }
}
