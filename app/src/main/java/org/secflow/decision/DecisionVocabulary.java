package org.secflow.decision;

import java.util.List;

/**
 * The values the incident rules decide on and decide (GB/T 20986—2023, 《网络安全事件报告管理办法》, see
 * STANDARDS.md): the one list that intake, the decision tables and the golden cases share.
 */
public final class DecisionVocabulary {

    /** Incident grades, most severe first. */
    public static final List<String> GRADES = List.of("I", "II", "III", "IV");
    public static final List<String> OBJECT_IMPORTANCE = List.of("特别重要", "重要", "一般");
    public static final List<String> SYSTEM_LOSS = List.of("特别严重", "严重", "较大", "较小");
    public static final List<String> SOCIAL_IMPACT = List.of("特别重大", "重大", "较大", "一般");
    public static final List<String> REPORTER_TYPES = List.of("关键信息基础设施运营者", "党政机关", "其他网络运营者");
    /** The staff groups an SLA breach may be escalated to. */
    public static final List<String> ESCALATION_GROUPS = List.of("management", "technical", "operations");

    private DecisionVocabulary() {
    }
}
