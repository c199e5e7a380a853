package org.secflow.security;

import java.util.List;

/** The Camunda groups of the provider's staff (the 岗位 of the standard) and of the auditors. */
public final class Groups {

    public static final String MANAGEMENT = "management";
    public static final String TECHNICAL = "technical";
    public static final String OPERATIONS = "operations";
    public static final String AUDITOR = "auditor";
    /** The starter's administrators' group; it holds every permission. */
    public static final String ADMIN = "camunda-admin";

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
            case ADMIN -> "管理员";
            default -> groupId;
        };
    }
}
