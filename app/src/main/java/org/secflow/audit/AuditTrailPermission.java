package org.secflow.audit;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** Permissions on the audit trail; Camunda checks that a permission belongs to its resource. */
public enum AuditTrailPermission implements Permission {
    NONE("NONE", 0),
    READ("READ", 2),
    ALL("ALL", Integer.MAX_VALUE);

    private final String name;
    private final int value;

    AuditTrailPermission(String name, int value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getValue() {
        return value;
    }

    @Override
    public Resource[] getTypes() {
        return new Resource[] {AuditTrailResource.INSTANCE};
    }
}
