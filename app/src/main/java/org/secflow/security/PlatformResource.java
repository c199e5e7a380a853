package org.secflow.security;

import org.camunda.bpm.engine.authorization.Resource;

/**
 * The operations platform's data (clause 5.1.2), the audit trail, the security policy, personal data and the
 * notification settings as Camunda authorization resources, so that the
 * engine's authorizations, granted in Admin or by {@link IdentitySetup}, decide who reads and writes
 * them. Resource ids are {@link #ANY} for the whole kind.
 */
public enum PlatformResource implements Resource {
    /** The tamper-evident audit trail: READ lets a user verify it (auditors, administrators). */
    AUDIT_TRAIL(1001, "AuditTrail"),
    ASSET(1002, "Asset"),
    VULNERABILITY(1003, "Vulnerability"),
    ALERT(1004, "Alert"),
    TICKET(1005, "Ticket"),
    KNOWLEDGE(1006, "KnowledgeArticle"),
    NOTICE(1007, "Notice"),
    /** Security policy and accounts' security (安全管理员): READ the settings, WRITE unlock, reset, tokens. */
    SECURITY_POLICY(1008, "SecurityPolicy"),
    /**
     * Personal data (contact names, phones, e-mail addresses) in full: READ lets a user ask for it with
     * {@code reveal=true}; everybody else sees it masked.
     */
    PERSONAL_DATA(1009, "PersonalData"),
    /**
     * Other users' notification settings, the groups' robots and failed deliveries: administrators
     * (WRITE); everyone reads and changes their own settings without it.
     */
    NOTIFICATION_SETTINGS(1010, "NotificationSettings"),
    /**
     * The rule set (规则管理: decision tables, rule files, versions): administrators change it (WRITE), auditors
     * read its versions and their differences (READ); staff neither.
     */
    RULE_SET(1011, "RuleSet"),
    /** Threat and vulnerability intelligence (5.1.2 b 漏洞情报, 7.2.7.5, 7.4.4.4): feeds, indicators, asset matches. */
    THREAT_INTEL(1012, "ThreatIntel"),
    /** Scan tools, asset groups, scan tasks and their runs (5.1.2 b 扫描工具及任务管理, 7.3.4, 7.4.1.4). */
    SCAN_TOOL(1013, "ScanTool"),
    /**
     * The staff register (人员管理 5.2.3.1): management keeps it (READ the whole register, WRITE qualifications and
     * duty shifts), auditors read it; every other person reads their own entry without it.
     */
    STAFF_REGISTER(1014, "StaffRegister");

    private final int type;
    private final String name;

    PlatformResource(int type, String name) {
        this.type = type;
        this.name = name;
    }

    @Override
    public String resourceName() {
        return name;
    }

    @Override
    public int resourceType() {
        return type;
    }
}
