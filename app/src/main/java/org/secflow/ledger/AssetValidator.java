package org.secflow.ledger;

import static org.secflow.ledger.AssetVocabulary.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;

/**
 * Checks an asset's values against {@link AssetVocabulary}, for a new asset and for a change alike:
 * every bad field is named with the reason, in one answer, and nothing is written.
 */
final class AssetValidator {

    private static final Set<String> CREATABLE = Set.of("kind", "name", "identifier", "ownerUnit", "gradingLevel",
            "gradingFiling", "ipFiling", "icpFilingNumber", "exposure", "parentId", "description", "products", "state");

    private final List<FieldError> errors = new ArrayList<>();

    private AssetValidator() {
    }

    /** A new asset registered by a person: everything the ledger needs, in use from now on. */
    static Asset newAsset(Map<String, Object> body) {
        AssetValidator v = new AssetValidator();
        v.onlyKnown(body, CREATABLE, "");
        Asset asset = new Asset();
        asset.setKind(v.oneOf("kind", body.get("kind"), KINDS, true));
        asset.setName(v.text("name", body.get("name"), MAX_NAME, true));
        asset.setIdentifier(v.identifier(asset.getKind(), body.get("identifier")));
        asset.setOwnerUnit(v.text("ownerUnit", body.get("ownerUnit"), MAX_OWNER, true));
        asset.setGradingLevel(orDefault(v.oneOf("gradingLevel", body.get("gradingLevel"), GRADING_LEVELS, false), "未定级"));
        asset.setGradingFiling(orDefault(v.oneOf("gradingFiling", body.get("gradingFiling"), FILING, false), "未备案"));
        asset.setIpFiling(orDefault(v.oneOf("ipFiling", body.get("ipFiling"), FILING, false), "未备案"));
        asset.setIcpFilingNumber(v.icp(body.get("icpFilingNumber")));
        asset.setExposure(v.oneOf("exposure", body.get("exposure"), EXPOSURES, true));
        asset.setParentId(v.id("parentId", body.get("parentId")));
        asset.setDescription(v.text("description", body.get("description"), MAX_TEXT, false));
        asset.setProducts(v.products(body.get("products")));
        Object state = body.get("state");
        if (state != null && !IN_USE.equals(state)) {
            v.reject("state", "新登记的资产为「" + IN_USE + "」，其后经生命周期操作变更");
        }
        v.throwIfAny("资产信息不完整或取值无效");
        asset.setState(IN_USE);
        return asset;
    }

    /** The asset as the change asks it to be (a copy); kind and state are not changed this way. */
    static Asset changed(Asset current, Map<String, Object> body) {
        AssetValidator v = new AssetValidator();
        if (body.isEmpty()) {
            v.errors.add(new FieldError("body", "请至少提供一个要修改的字段"));
        }
        if (body.containsKey("kind")) {
            v.reject("kind", "不可修改；类型登记有误的，请将其下线回收后重新登记");
        }
        if (body.containsKey("state")) {
            v.reject("state", "不可直接修改，请使用生命周期操作（POST /api/assets/{id}/transitions）");
        }
        v.onlyKnown(body, CHANGEABLE, "kind", "state", "reason");
        v.text("reason", body.get("reason"), MAX_TEXT, false);
        Asset next = current.copy();
        for (String field : body.keySet()) {
            Object value = body.get(field);
            switch (field) {
                case "name" -> next.setName(v.text(field, value, MAX_NAME, true));
                case "identifier" -> next.setIdentifier(v.identifier(current.getKind(), value));
                case "ownerUnit" -> next.setOwnerUnit(v.text(field, value, MAX_OWNER, true));
                case "gradingLevel" -> next.setGradingLevel(v.oneOf(field, value, GRADING_LEVELS, true));
                case "gradingFiling" -> next.setGradingFiling(v.oneOf(field, value, FILING, true));
                case "ipFiling" -> next.setIpFiling(v.oneOf(field, value, FILING, true));
                case "icpFilingNumber" -> next.setIcpFilingNumber(v.icp(value));
                case "exposure" -> next.setExposure(v.oneOf(field, value, EXPOSURES, true));
                case "parentId" -> next.setParentId(v.id(field, value));
                case "description" -> next.setDescription(v.text(field, value, MAX_TEXT, false));
                case "products" -> next.setProducts(v.products(value));
                case "pendingConfirmation" -> next.setPendingConfirmation(v.confirmation(current, value));
                default -> { }
            }
        }
        // confirming a discovered asset (7.4.1.4) takes it into the ledger with its owner and exposure
        if (current.isPendingConfirmation() && !next.isPendingConfirmation()) {
            if (next.getOwnerUnit() == null) {
                v.reject("ownerUnit", "确认资产时必填");
            }
            if (next.getExposure() == null) {
                v.reject("exposure", "确认资产时必填，" + oneOfReason(EXPOSURES));
            }
        }
        v.throwIfAny("资产变更无效");
        return next;
    }

    /** One discovered item's values, for the import: the problems of the row, prefixed by its place. */
    static List<String> problemsOfDiscovered(String kind, String identifier) {
        AssetValidator v = new AssetValidator();
        String checkedKind = v.oneOf("kind", kind, KINDS, true);
        v.identifier(checkedKind, identifier);
        return v.errors.stream().map(FieldError::reason).toList();
    }

    private boolean confirmation(Asset current, Object value) {
        if (!(value instanceof Boolean flag)) {
            reject("pendingConfirmation", "须为 true 或 false");
            return current.isPendingConfirmation();
        }
        if (flag && !current.isPendingConfirmation()) {
            reject("pendingConfirmation", "只有发现导入的未知资产为待确认，已确认的资产不能改回");
        }
        return flag;
    }

    private void onlyKnown(Map<String, Object> body, Set<String> known, String... alsoAllowed) {
        Set<String> allowed = Set.of(alsoAllowed);
        for (String field : body.keySet()) {
            if (!known.contains(field) && !allowed.contains(field)) {
                errors.add(new FieldError(field, "不支持的字段"));
            }
        }
    }

    private String text(String field, Object value, int maxLength, boolean required) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                reject(field, "必填");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            reject(field, "须为文本");
            return null;
        }
        String text = s.strip();
        if (text.length() > maxLength) {
            reject(field, "不得超过 " + maxLength + " 个字符");
            return null;
        }
        // a description may run over several lines; names and identifiers may not
        boolean multiline = field.equals("description") || field.equals("reason") || field.equals("products");
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')))) {
            reject(field, "不得含换行等控制字符");
            return null;
        }
        return text;
    }

    private String oneOf(String field, Object value, List<String> allowed, boolean required) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                reject(field, "必填，" + oneOfReason(allowed));
            }
            return null;
        }
        if (!allowed.contains(value.toString().strip())) {
            reject(field, "取值「" + value + "」无效，" + oneOfReason(allowed));
            return null;
        }
        return value.toString().strip();
    }

    private String identifier(String kind, Object value) {
        String text = text("identifier", value, MAX_IDENTIFIER, true);
        if (text == null || kind == null) {
            return text;
        }
        String normalized = normalizeIdentifier(kind, text);
        String problem = identifierProblem(kind, normalized);
        if (problem != null) {
            reject("identifier", problem + "（资产类型：" + kind + "）");
        }
        return normalized;
    }

    /** 产品及版本: lines {@code 厂商|产品|版本}, the product required, the version optional (empty: any version). */
    private String products(Object value) {
        String text = text("products", value, MAX_PRODUCTS, false);
        if (text == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        String[] rows = text.split("\\R");
        for (int i = 0; i < rows.length; i++) {
            String line = rows[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length < 2 || parts.length > 3 || parts[1].isBlank()) {
                reject("products", "第 " + (i + 1) + " 行须为「厂商|产品|版本」（产品必填，版本可空），如 Ivanti|Connect Secure|22.7R2.3");
                return null;
            }
            lines.add(String.join("|", java.util.Arrays.stream(parts).map(String::strip).toList()));
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    private String icp(Object value) {
        String text = text("icpFilingNumber", value, 64, false);
        if (text != null) {
            String problem = icpProblem(text);
            if (problem != null) {
                reject("icpFilingNumber", problem);
            }
        }
        return text;
    }

    private Long id(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            long id = ((Number) value).longValue();
            if (id > 0) {
                return id;
            }
        }
        reject(field, "须为资产编号（正整数）");
        return null;
    }

    private void reject(String field, String reason) {
        errors.add(new FieldError(field, label(field) + "：" + reason));
    }

    private void throwIfAny(String summary) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary, errors);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
