package org.secflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;

/**
 * The authorization a task gives its candidate groups, candidate users and assignee: to work it (claim, complete:
 * {@code TASK_WORK}), not to read it. Staff read the tasks of every process through {@code READ_TASK} on the process
 * definitions ({@link IdentitySetup}), as they read every process's history already.
 * <p>
 * Why: Camunda's default also grants READ per task, and every task query of a person joins each of those rows
 * against each open task with an {@code OR} that no index serves (MySQL/MariaDB: a block nested loop). With 5,000 open
 * tasks of one group the Tasklist's 本组待办 took 5 s per count on an idle machine and 20–45 s under load; with the
 * per-task rows out of the READ check it takes milliseconds. Who may work a task is unchanged: the per-task rows.
 */
class TaskWorkAuthorizations extends DefaultAuthorizationProvider {

    @Override
    protected Permission[] getRuntimePermissions(boolean enforceSpecificVariablePermission) {
        List<Permission> permissions = new ArrayList<>(List.of(getDefaultUserPermissionForTask()));
        if (enforceSpecificVariablePermission) {
            permissions.add(TaskPermissions.READ_VARIABLE);
        }
        return permissions.toArray(Permission[]::new);
    }
}
