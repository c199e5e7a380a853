package org.secflow.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CISA's Known Exploited Vulnerabilities catalogue (JSON: catalogVersion, vulnerabilities with cveID,
 * vendorProject, product, vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate): every entry is
 * exploited in the wild, so it counts as 高危 at least (GB/T 30279 names no level for KEV; a documented default).
 */
final class KevFeed {

    static final String FORMAT = "KEV";

    private KevFeed() {
    }

    static boolean recognises(JsonNode root) {
        JsonNode vulnerabilities = root.get("vulnerabilities");
        return root.isObject() && vulnerabilities != null && vulnerabilities.isArray()
                && (root.has("catalogVersion") || vulnerabilities.size() > 0 && vulnerabilities.get(0).has("cveID"));
    }

    static IntelFeed read(JsonNode root) {
        List<IntelItem> items = new ArrayList<>();
        JsonNode vulnerabilities = root.get("vulnerabilities");
        for (int i = 0; i < vulnerabilities.size(); i++) {
            String where = "KEV vulnerabilities[" + i + "]";
            JsonNode entry = vulnerabilities.get(i);
            String cve = FeedItems.text(entry, "cveID");
            String product = FeedItems.text(entry, "product");
            if (cve == null || !FeedItems.CVE.matcher(cve.strip()).matches()) {
                throw new IntelRejected(where + "：缺少有效的 cveID（应如 CVE-2024-3400）");
            }
            if (product == null || product.isBlank()) {
                throw new IntelRejected(where + "：缺少 product");
            }
            String vendor = FeedItems.text(entry, "vendorProject");
            String name = FeedItems.text(entry, "vulnerabilityName");
            IntelItem item = FeedItems.vulnerability(FORMAT, cve.strip(), cve.strip() + " " + (name != null ? name
                    : (vendor == null ? "" : vendor + " ") + product));
            item.setKnownExploited(true);
            item.setSeverity("高危");
            String required = FeedItems.text(entry, "requiredAction");
            String description = FeedItems.text(entry, "shortDescription");
            item.setDescription(FeedItems.clip((description == null ? "" : description)
                    + (required == null ? "" : "\n处置要求：" + required), 4000));
            item.setPublishedAt(FeedItems.time(FeedItems.text(entry, "dateAdded"), where + " dateAdded"));
            item.setConfidence(IntelDefaults.KEV_CONFIDENCE);
            item.setAffectedProducts(Products.toJson(List.of(AffectedProduct.of(vendor, product))));
            items.add(item);
        }
        return new IntelFeed(FORMAT, "CISA KEV", items, 0);
    }
}
