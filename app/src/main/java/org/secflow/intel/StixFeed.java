package org.secflow.intel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A STIX 2.1 bundle: its {@code indicator} objects whose STIX pattern compares an IP, domain, URL or file hash
 * (each such value is one indicator item, with the indicator's valid_from, valid_until and confidence) and its
 * {@code vulnerability} objects (CVE from name or external_references; products from {@code software} objects
 * related to it). The source is the {@code identity} named by created_by_ref. Other objects are skipped.
 */
final class StixFeed {

    static final String FORMAT = "STIX";

    // [ipv4-addr:value = '198.51.100.7'], [file:hashes.'SHA-256' = '…'], [url:value = 'http://…'] (only "=" compared)
    private static final Pattern COMPARISON = Pattern.compile(
            "(ipv4-addr|ipv6-addr|domain-name|url|file)\\s*:\\s*(value|hashes\\.(?:'[^']{1,20}'|[A-Za-z0-9-]{1,20}))\\s*=\\s*'((?:[^'\\\\]|\\\\.){1,2000})'");

    private StixFeed() {
    }

    static boolean recognises(JsonNode root) {
        return root.isObject() && "bundle".equals(FeedItems.text(root, "type"));
    }

    static IntelFeed read(JsonNode bundle) {
        JsonNode objects = bundle.get("objects");
        if (objects == null || !objects.isArray()) {
            throw new IntelRejected("STIX bundle 缺少 objects 数组");
        }
        Map<String, String> identities = new HashMap<>();
        Map<String, JsonNode> software = new HashMap<>();
        Map<String, List<String>> related = new HashMap<>();
        for (JsonNode object : objects) {
            String type = FeedItems.text(object, "type");
            String id = FeedItems.text(object, "id");
            if ("identity".equals(type) && id != null && FeedItems.text(object, "name") != null) {
                identities.put(id, FeedItems.text(object, "name"));
            } else if ("software".equals(type) && id != null) {
                software.put(id, object);
            } else if ("relationship".equals(type)) {
                String from = FeedItems.text(object, "source_ref");
                String to = FeedItems.text(object, "target_ref");
                if (from != null && to != null) {
                    related.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
                    related.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
                }
            }
        }
        Map<String, IntelItem> items = new LinkedHashMap<>();
        int skipped = 0;
        String bundleSource = null;
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            if (!object.isObject()) {
                throw new IntelRejected("STIX objects[" + i + "] 不是对象");
            }
            String type = FeedItems.text(object, "type");
            String where = "STIX objects[" + i + "]（" + type + "）";
            List<IntelItem> read = switch (type == null ? "" : type) {
                case "indicator" -> indicators(object, where);
                case "vulnerability" -> List.of(vulnerability(object, where, software, related));
                default -> List.of();
            };
            if (read.isEmpty()) {
                skipped++;
                continue;
            }
            String source = identities.get(FeedItems.text(object, "created_by_ref"));
            if (source != null && bundleSource == null) {
                bundleSource = source;
            }
            int confidence = confidence(object, where);
            LocalDateTime time = FeedItems.time(FeedItems.text(object, "modified") != null
                    ? FeedItems.text(object, "modified") : FeedItems.text(object, "created"), where + " modified");
            for (IntelItem item : read) {
                item.setSource(source);
                item.setConfidence(confidence);
                item.setPublishedAt(time);
                item.setDescription(FeedItems.clip(FeedItems.text(object, "description"), 4000));
                items.putIfAbsent(item.getItemKey(), item);
            }
        }
        return new IntelFeed(FORMAT, bundleSource, new ArrayList<>(items.values()), skipped);
    }

    private static List<IntelItem> indicators(JsonNode object, String where) {
        String patternType = FeedItems.text(object, "pattern_type");
        String pattern = FeedItems.text(object, "pattern");
        if (pattern == null || patternType != null && !"stix".equals(patternType)) {
            return List.of();
        }
        String id = FeedItems.text(object, "id");
        LocalDateTime validFrom = FeedItems.time(FeedItems.text(object, "valid_from"), where + " valid_from");
        LocalDateTime validUntil = FeedItems.time(FeedItems.text(object, "valid_until"), where + " valid_until");
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            throw new IntelRejected(where + "：valid_until 须晚于 valid_from");
        }
        String name = FeedItems.text(object, "name");
        List<IntelItem> items = new ArrayList<>();
        Matcher m = COMPARISON.matcher(pattern);
        while (m.find()) {
            String type = switch (m.group(1)) {
                case "ipv4-addr", "ipv6-addr" -> Observables.IP;
                case "domain-name" -> Observables.DOMAIN;
                case "url" -> Observables.URL;
                default -> m.group(2).startsWith("hashes") ? Observables.HASH : null;
            };
            if (type == null) {
                continue;
            }
            String value = Observables.normalize(type, m.group(3).replace("\\'", "'").replace("\\\\", "\\"));
            String problem = Observables.problem(type, value);
            if (problem != null) {
                throw new IntelRejected(where + " pattern：" + problem);
            }
            IntelItem item = FeedItems.indicator(FORMAT, id, name != null ? name : Observables.label(type) + " " + value, type, value);
            item.setValidFrom(validFrom);
            item.setValidUntil(validUntil);
            items.add(item);
        }
        return items;
    }

    private static IntelItem vulnerability(JsonNode object, String where, Map<String, JsonNode> software,
                                           Map<String, List<String>> related) {
        String name = FeedItems.text(object, "name");
        String cve = name != null && FeedItems.CVE.matcher(name.strip()).matches() ? name.strip() : null;
        JsonNode references = object.get("external_references");
        if (cve == null && references != null && references.isArray()) {
            for (JsonNode reference : references) {
                String externalId = FeedItems.text(reference, "external_id");
                if ("cve".equalsIgnoreCase(FeedItems.text(reference, "source_name")) && externalId != null) {
                    cve = externalId.strip();
                }
            }
        }
        String id = cve != null ? cve : FeedItems.text(object, "id");
        if (id == null) {
            throw new IntelRejected(where + "：缺少 id");
        }
        IntelItem item = FeedItems.vulnerability(FORMAT, id, name);
        List<AffectedProduct> products = new ArrayList<>();
        for (String ref : related.getOrDefault(FeedItems.text(object, "id"), List.of())) {
            JsonNode product = software.get(ref);
            if (product != null && FeedItems.text(product, "name") != null) {
                products.add(new AffectedProduct(FeedItems.text(product, "vendor"), FeedItems.text(product, "name"),
                        FeedItems.text(product, "version"), null, null, null, null, false));
            }
        }
        item.setAffectedProducts(Products.toJson(products));
        return item;
    }

    private static int confidence(JsonNode object, String where) {
        JsonNode value = object.get("confidence");
        if (value == null || value.isNull()) {
            return IntelDefaults.STIX_CONFIDENCE;
        }
        if (!value.isInt() || value.asInt() < 0 || value.asInt() > 100) {
            throw new IntelRejected(where + "：confidence 须为 0–100 的整数");
        }
        return value.asInt();
    }
}
