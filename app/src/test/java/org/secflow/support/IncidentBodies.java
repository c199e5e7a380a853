package org.secflow.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of POST /api/incidents as a monitoring system sends them. */
public final class IncidentBodies {

    private IncidentBodies() {
    }

    /** A valid report: 重要 × 严重 (III) with social impact 重大 (II), so grade II. */
    public static Map<String, Object> defacedPortal() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "门户网站首页被篡改-" + System.nanoTime());
        body.put("description", "首页出现非法标语");
        body.put("category", "网络攻击事件");
        body.put("subcategory", "网页篡改");
        body.put("objectImportance", "重要");
        body.put("systemLoss", "严重");
        body.put("socialImpact", "重大");
        body.put("reporterType", "党政机关");
        body.put("affectedAssets", List.of("www.example.gov.cn", "10.2.3.4"));
        body.put("channel", "监控");
        body.put("measuresTaken", "已切换维护页面");
        return body;
    }
}
