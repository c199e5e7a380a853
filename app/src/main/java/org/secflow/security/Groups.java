package org.secflow.security;

import java.util.List;

/** The Camunda groups of the provider's staff (the 岗位 of the standard) and of the auditors. */
public final class Groups {

    public static final String MANAGEMENT = "management";
    public static final String TECHNICAL = "technical";
    public static final String OPERATIONS = "operations";
    public static final String AUDITOR = "auditor";
    /** Camunda's administrators' group, which may do everything: only the demo profile's {@code admin} is in it. */
    public static final String ADMIN = "camunda-admin";
    /** 系统管理员 (三员分立): users, groups, memberships of staff groups, deployments, settings. */
    public static final String SYSTEM_ADMIN = "systemAdmin";
    /** 安全管理员: authorizations, security policy, lock and unlock, second-factor reset, service tokens. */
    public static final String SECURITY_ADMIN = "securityAdmin";
    /** 审计管理员: reads and exports the audit trail and nothing else. */
    public static final String AUDIT_ADMIN = "auditAdmin";
    /** The three administrators' groups: no account may be in two of them. */
    public static final List<String> ADMINISTRATORS = List.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);
    /** API clients of other systems: they call with a token (their password), never log in to the webapps. */
    public static final String SERVICE_ACCOUNT = "serviceAccount";

    /** The groups that work tasks. */
    public static final List<String> STAFF = List.of(MANAGEMENT, TECHNICAL, OPERATIONS);

    private Groups() {
    }

    static String chineseName(String groupId) {
        return switch (groupId) {
            case MANAGEMENT -> "管理类";
            case TECHNICAL -> "技术类";
            case OPERATIONS -> "操作类";
            case AUDITOR -> "审计";
            case ADMIN -> "超级管理员（仅演示配置）";
            case SYSTEM_ADMIN -> "系统管理员";
            case SECURITY_ADMIN -> "安全管理员";
            case AUDIT_ADMIN -> "审计管理员";
            case SERVICE_ACCOUNT -> "服务账户";
            default -> groupId;
        };
    }
}
