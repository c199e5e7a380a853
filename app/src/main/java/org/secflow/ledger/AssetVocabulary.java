package org.secflow.ledger;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values an asset may carry (7.4.1.2, 7.4.1.3) and the Chinese names of its fields: the one place
 * that REST, import and lifecycle validate against.
 */
final class AssetVocabulary {

    static final String HOST = "主机";
    static final String WEBSITE = "网站";
    static final String DOMAIN = "域名";
    static final String SUBDOMAIN = "子域名";
    static final String IP = "IP";
    static final String PORT = "端口/服务";

    /** The kinds of asset 7.4.1.2 and the grading tables name. */
    static final List<String> KINDS = List.of(HOST, "网络设备", "安全设备", "应用系统", WEBSITE, DOMAIN, SUBDOMAIN,
            IP, PORT, "APP", "公众号", "终端");
    /** 等级保护定级. */
    static final List<String> GRADING_LEVELS = List.of("未定级", "第一级", "第二级", "第三级", "第四级", "第五级");
    /** Filing status, for 定级备案 and IP 备案 alike. */
    static final List<String> FILING = List.of("已备案", "未备案", "不适用");
    static final List<String> EXPOSURES = List.of("互联网", "政务外网", "互联网及政务外网");

    static final String IN_USE = "在用";
    static final String CHANGING = "变更";
    static final String RETIRED = "下线回收";
    static final List<String> STATES = List.of(IN_USE, CHANGING, RETIRED);
    /** The lifecycle: a change ends back in use; a retired asset stays retired (a new one is registered). */
    static final Map<String, List<String>> TRANSITIONS = Map.of(
            IN_USE, List.of(CHANGING, RETIRED),
            CHANGING, List.of(IN_USE, RETIRED),
            RETIRED, List.of());

    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("kind", "资产类型"),
            Map.entry("name", "资产名称"),
            Map.entry("identifier", "资产标识"),
            Map.entry("ownerUnit", "使用方"),
            Map.entry("gradingLevel", "定级"),
            Map.entry("gradingFiling", "定级备案"),
            Map.entry("ipFiling", "IP 备案"),
            Map.entry("icpFilingNumber", "ICP 备案号"),
            Map.entry("exposure", "暴露面"),
            Map.entry("state", "生命周期状态"),
            Map.entry("parentId", "上级资产"),
            Map.entry("pendingConfirmation", "待确认"),
            Map.entry("description", "说明"),
            Map.entry("products", "产品及版本"),
            Map.entry("reason", "原因"),
            Map.entry("to", "目标状态"),
            Map.entry("observedAt", "发现时间"),
            Map.entry("resolves", "仍可解析"),
            Map.entry("portOpen", "端口开放"),
            Map.entry("parent", "上级资产标识"),
            Map.entry("source", "发现来源"),
            Map.entry("file", "文件"));

    /** The fields a change may set; kind and state are not among them (state moves by transitions). */
    static final Set<String> CHANGEABLE = Set.of("name", "identifier", "ownerUnit", "gradingLevel", "gradingFiling",
            "ipFiling", "icpFilingNumber", "exposure", "parentId", "pendingConfirmation", "description", "products");

    static final int MAX_NAME = 200;
    static final int MAX_IDENTIFIER = 255;
    static final int MAX_OWNER = 200;
    static final int MAX_TEXT = 1000;
    static final int MAX_PRODUCTS = 2000;

    private static final Pattern DOMAIN_NAME = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?$");
    private static final Pattern IPV6 = Pattern.compile("^(?=.*:.*:)[0-9a-f:.]{2,45}(/(12[0-8]|1[01]\\d|[1-9]?\\d))?$");
    private static final Pattern URL = Pattern.compile("^https?://[^\\s/?#]+([/?#]\\S*)?$");
    private static final Pattern ICP = Pattern.compile("^\\p{IsHan}ICP备\\d{6,10}号(-\\d{1,3})?$");

    private AssetVocabulary() {
    }

    static String label(String field) {
        return LABELS.getOrDefault(field, field);
    }

    /** The spelling kept for an identifier: host names and URLs in lower case, so that imports match. */
    static String normalizeIdentifier(String kind, String identifier) {
        String value = identifier.strip();
        return switch (kind) {
            case DOMAIN, SUBDOMAIN, IP -> value.toLowerCase(Locale.ROOT);
            case WEBSITE, PORT -> lowerHost(value);
            default -> value;
        };
    }

    private static String lowerHost(String value) {
        int scheme = value.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = value.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = value.indexOf(stop, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return value.substring(0, end).toLowerCase(Locale.ROOT) + value.substring(end);
    }

    /** Why the identifier does not fit its kind, or null when it does. */
    static String identifierProblem(String kind, String identifier) {
        return switch (kind) {
            case DOMAIN, SUBDOMAIN -> DOMAIN_NAME.matcher(identifier).matches() ? null
                    : "格式不正确，应为域名，如 portal.gz.gov.cn";
            case IP -> IPV4.matcher(identifier).matches() || IPV6.matcher(identifier).matches() ? null
                    : "格式不正确，应为 IP 地址或网段，如 10.20.1.5 或 10.20.1.0/24";
            case WEBSITE -> URL.matcher(identifier).matches() ? null
                    : "格式不正确，应为以 http:// 或 https:// 开头的网址";
            case PORT -> portProblem(identifier);
            default -> identifier.chars().anyMatch(Character::isISOControl) ? "不得含控制字符" : null;
        };
    }

    private static String portProblem(String identifier) {
        int colon = identifier.lastIndexOf(':');
        String message = "格式不正确，应为「主机:端口」，如 10.20.1.5:443";
        if (colon <= 0 || identifier.substring(0, colon).isBlank() || identifier.contains(" ")) {
            return message;
        }
        try {
            int port = Integer.parseInt(identifier.substring(colon + 1));
            return port >= 1 && port <= 65535 ? null : "端口须在 1 到 65535 之间";
        } catch (NumberFormatException e) {
            return message;
        }
    }

    static String icpProblem(String number) {
        return ICP.matcher(number).matches() ? null : "格式不正确，应如 粤ICP备12345678号 或 粤ICP备12345678号-1";
    }

    static String oneOfReason(List<String> allowed) {
        return "须为以下之一：" + String.join("、", allowed);
    }
}
