package org.secflow.security;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** Read and write on the platform's data; Camunda checks that a permission belongs to its resource. */
public enum PlatformPermission implements Permission {
    NONE("NONE", 0),
    READ("READ", 2),
    WRITE("WRITE", 4),
    ALL("ALL", Integer.MAX_VALUE);

    private final String name;
    private final int value;

    PlatformPermission(String name, int value) {
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
        return PlatformResource.values();
    }
}
