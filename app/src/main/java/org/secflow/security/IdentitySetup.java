package org.secflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates, when missing, the groups, their authorizations and the Tasklist filters; in the demo
 * set-up also the demo users. Runs at every start and changes nothing that already exists, so
 * administrators' later changes in Admin are kept.
 */
@Component
class IdentitySetup extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

    /**
     * Demo users of the default profile: id → (group, full name). All have password "demo". The
     * webapps show "first last", so a Chinese name is all in the first name.
     */
    private static final Map<String, String[]> DEMO_USERS = new LinkedHashMap<>();

    static {
        DEMO_USERS.put("manager", new String[] {Groups.MANAGEMENT, "王经理"});
        DEMO_USERS.put("engineer", new String[] {Groups.TECHNICAL, "李工程师"});
        DEMO_USERS.put("operator", new String[] {Groups.OPERATIONS, "张运维"});
        DEMO_USERS.put("auditor", new String[] {Groups.AUDITOR, "陈审计"});
    }

    private final boolean demoUsers;
    private final String adminUser;
    private IdentityService identityService;
    private AuthorizationService authorizationService;
    private FilterService filterService;
    private TaskService taskService;

    IdentitySetup(@Value("${secflow.demo-users:true}") boolean demoUsers,
                  @Value("${camunda.bpm.admin-user.id:admin}") String adminUser) {
        this.demoUsers = demoUsers;
        this.adminUser = adminUser;
    }

    /** Runs once the engine is built, before the web server takes requests. */
    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        identityService = engine.getIdentityService();
        authorizationService = engine.getAuthorizationService();
        filterService = engine.getFilterService();
        taskService = engine.getTaskService();
        setUp();
    }

    private void setUp() {
        for (String group : List.of(Groups.MANAGEMENT, Groups.TECHNICAL, Groups.OPERATIONS, Groups.AUDITOR)) {
            ensureGroup(group);
        }
        nameAdministratorsGroup();
        for (String staff : Groups.STAFF) {
            grant(staff, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(staff, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
            grant(staff, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE,
                    ProcessInstancePermissions.READ);
            grant(staff, Resources.USER, ANY, Permissions.READ);
            grant(staff, Resources.GROUP, ANY, Permissions.READ);
        }
        // Auditors read everything that happened and change nothing.
        grant(Groups.AUDITOR, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.AUDITOR, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Groups.AUDITOR, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
        grant(Groups.AUDITOR, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(Groups.AUDITOR, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(Groups.AUDITOR, Resources.USER, ANY, Permissions.READ);
        grant(Groups.AUDITOR, Resources.GROUP, ANY, Permissions.READ);
        grant(Groups.AUDITOR, PlatformResource.AUDIT_TRAIL, ANY, PlatformPermission.READ);
        grant(Groups.ADMIN, PlatformResource.AUDIT_TRAIL, ANY, PlatformPermission.READ);
        // The platform's data (5.1.2): staff keep it, auditors read it, administrators may do both.
        for (PlatformResource data : PlatformResource.values()) {
            if (data == PlatformResource.AUDIT_TRAIL) {
                continue;
            }
            for (String staff : Groups.STAFF) {
                grant(staff, data, ANY, PlatformPermission.READ, PlatformPermission.WRITE);
            }
            grant(Groups.AUDITOR, data, ANY, PlatformPermission.READ);
            grant(Groups.ADMIN, data, ANY, PlatformPermission.ALL);
        }
        if (demoUsers) {
            DEMO_USERS.forEach((id, info) -> ensureUser(id, info[0], info[1]));
        }
        createFilters();
    }

    private void ensureGroup(String id) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(Groups.chineseName(id));
            group.setType("WORKFLOW");
            identityService.saveGroup(group);
            log.info("created group {}", id);
        }
    }

    /** The starter names its group "camunda BPM Administrators"; our users read Chinese. */
    private void nameAdministratorsGroup() {
        Group admins = identityService.createGroupQuery().groupId(Groups.ADMIN).singleResult();
        if (admins != null && "camunda BPM Administrators".equals(admins.getName())) {
            admins.setName(Groups.chineseName(Groups.ADMIN));
            identityService.saveGroup(admins);
        }
    }

    private void ensureUser(String id, String group, String name) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(name);
            user.setLastName("");
            user.setPassword("demo");
            user.setEmail(id + "@demo.secflow.local");
            identityService.saveUser(user);
            identityService.createMembership(id, group);
            log.info("created demo user {} in group {}", id, group);
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizationService.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizationService.saveAuthorization(authorization);
    }

    /** The Tasklist filters every staff member sees: own tasks, the group's open tasks, due soon, overdue. */
    private void createFilters() {
        createFilter("我的任务", -10, "分配给我的任务",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
        createFilter("本组待办", 0, "本组可认领的任务",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().orderByDueDate().asc());
        // "soon" is four hours: the shortest SLA of the rules (grade I respond, 15 min) shows at once,
        // the longest (grade IV report, 5 days) in its last half day
        createFilter("即将超时", 5, "四小时内到期的任务",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().dueAfterExpression("${now()}")
                        .dueBeforeExpression("${dateTime().plusHours(4).toDate()}").orderByDueDate().asc());
        createFilter("已超时", 10, "已过期限仍未完成的任务",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks().dueBeforeExpression("${now()}").orderByDueDate().asc());
    }

    private void createFilter(String name, int priority, String description, TaskQuery query) {
        if (filterService.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("variables", List.of(
                Map.of("name", "clause", "label", "条款"),
                Map.of("name", "requestingUnit", "label", "使用方"),
                Map.of("name", "title", "label", "事件标题"),
                Map.of("name", "grade", "label", "事件级别")));
        Filter filter = filterService.newTaskFilter(name).setOwner(adminUser).setQuery(query).setProperties(properties);
        filterService.saveFilter(filter);
        for (String group : List.of(Groups.MANAGEMENT, Groups.TECHNICAL, Groups.OPERATIONS, Groups.AUDITOR)) {
            Authorization read = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            read.setGroupId(group);
            read.setResource(Resources.FILTER);
            read.setResourceId(filter.getId());
            read.addPermission(Permissions.READ);
            authorizationService.saveAuthorization(read);
        }
        log.info("created Tasklist filter {}", name);
    }
}
