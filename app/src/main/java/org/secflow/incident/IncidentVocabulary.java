package org.secflow.incident;

import java.util.List;
import java.util.Map;
import org.secflow.decision.DecisionVocabulary;

/**
 * The values an incident report may carry (GB/T 20986—2023 and the reporting rules, see
 * STANDARDS.md), and the Chinese names of its fields. The one place the intake validates against;
 * the forms offer the same lists and the rules decide on them.
 */
final class IncidentVocabulary {

    static final List<String> CATEGORIES = List.of("恶意程序事件", "网络攻击事件", "数据安全事件", "信息内容安全事件",
            "设备设施故障事件", "违规操作事件", "安全隐患事件", "异常行为事件", "不可抗力事件", "其他事件");
    static final List<String> OBJECT_IMPORTANCE = DecisionVocabulary.OBJECT_IMPORTANCE;
    static final List<String> SYSTEM_LOSS = DecisionVocabulary.SYSTEM_LOSS;
    static final List<String> SOCIAL_IMPACT = DecisionVocabulary.SOCIAL_IMPACT;
    static final List<String> REPORTER_TYPES = DecisionVocabulary.REPORTER_TYPES;
    static final List<String> CHANNELS = List.of("监控", "用户反馈", "热线", "其他");

    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("title", "事件标题"),
            Map.entry("description", "事件现象"),
            Map.entry("category", "事件类别"),
            Map.entry("subcategory", "事件子类"),
            Map.entry("objectImportance", "影响对象重要程度"),
            Map.entry("systemLoss", "系统损失"),
            Map.entry("socialImpact", "社会影响"),
            Map.entry("reporterType", "报告主体类型"),
            Map.entry("affectedAssets", "影响范围"),
            Map.entry("channel", "接收渠道"),
            Map.entry("measuresTaken", "已采取的措施"),
            Map.entry("regradeReason", "调整分级理由"));

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;

    private IncidentVocabulary() {
    }
}
