package org.secflow.security;

import org.camunda.bpm.engine.authorization.Resource;

/**
 * The operations platform's data (clause 5.1.2) and the audit trail as Camunda authorization resources, so that the
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
    NOTICE(1007, "Notice");

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
