package org.secflow.audit;

import org.camunda.bpm.engine.authorization.Resource;

/** The audit trail as a Camunda authorization resource, so that Admin grants who may verify it. */
public enum AuditTrailResource implements Resource {
    INSTANCE;

    /** Type number outside Camunda's own resources. */
    public static final int TYPE = 1001;
    public static final String ID = "audit-trail";

    @Override
    public String resourceName() {
        return "AuditTrail";
    }

    @Override
    public int resourceType() {
        return TYPE;
    }
}
