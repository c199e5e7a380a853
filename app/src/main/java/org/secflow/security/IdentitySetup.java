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
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates, when missing, the groups, their authorizations and the Tasklist filters, and the three
 * administrators of 三员分立 (系统管理员, 安全管理员, 审计管理员); in the demo set-up also the demo users and the
 * superuser {@code admin}. Runs at every start and changes nothing that already exists, so administrators' later
 * changes in Admin are kept. In production the first start gives the three administrators one-time passwords,
 * written to {@code secflow.security.initial-credentials-file} (readable by its owner only, never logged), which
 * must be changed at their first login.
 */
@Component
class IdentitySetup extends AbstractProcessEnginePlugin implements SmartInitializingSingleton {

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

    /** The three administrators of the first start: id → (group, name). */
    static final Map<String, String[]> ADMINISTRATORS = new LinkedHashMap<>();

    static {
        ADMINISTRATORS.put("sysadmin", new String[] {Groups.SYSTEM_ADMIN, "系统管理员"});
        ADMINISTRATORS.put("secadmin", new String[] {Groups.SECURITY_ADMIN, "安全管理员"});
        ADMINISTRATORS.put("auditadmin", new String[] {Groups.AUDIT_ADMIN, "审计管理员"});
    }

    /** The superuser of the demo profile only. */
    static final String SUPERUSER = "admin";

    private final boolean demoUsers;
    private final SecurityPolicy policy;
    private final String adminPassword;
    private ProcessEngine engine;
    private IdentityService identityService;
    private AuthorizationService authorizationService;
    private FilterService filterService;
    private TaskService taskService;

    IdentitySetup(@Value("${secflow.demo-users:true}") boolean demoUsers, SecurityPolicy policy,
                  @Value("${secflow.admin-password:demo}") String adminPassword) {
        this.demoUsers = demoUsers;
        this.policy = policy;
        this.adminPassword = adminPassword;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        this.engine = engine;
    }

    /**
     * Runs once every bean is ready — the engine and Flyway's migrations (the accounts' table), before the web
     * server takes requests.
     */
    @Override
    public void afterSingletonsInstantiated() {
        identityService = engine.getIdentityService();
        authorizationService = engine.getAuthorizationService();
        filterService = engine.getFilterService();
        taskService = engine.getTaskService();
        setUp();
    }

    private void setUp() {
        for (String group : List.of(Groups.MANAGEMENT, Groups.TECHNICAL, Groups.OPERATIONS, Groups.AUDITOR,
                Groups.SYSTEM_ADMIN, Groups.SECURITY_ADMIN, Groups.AUDIT_ADMIN, Groups.SERVICE_ACCOUNT)) {
            ensureGroup(group);
        }
        if (policy.isSuperuser()) {
            superuser();
        }
        administrators();
        for (String staff : Groups.STAFF) {
            grant(staff, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // READ_TASK: staff read every process's tasks as they read its history; working a task stays with its
            // candidate groups and assignee (TaskWorkAuthorizations)
            grant(staff, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                    ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                    ProcessDefinitionPermissions.READ_TASK);
            grant(staff, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE,
                    ProcessInstancePermissions.READ);
            grant(staff, Resources.USER, ANY, Permissions.READ);
            grant(staff, Resources.GROUP, ANY, Permissions.READ);
        }
        tasksReadThroughTheirProcess();
        // Other systems (service accounts) raise messages — start a process, or move a waiting one — with the facts
        // they observed.
        grant(Groups.SERVICE_ACCOUNT, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
        grant(Groups.SERVICE_ACCOUNT, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE,
                ProcessInstancePermissions.READ);
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
        // The platform's data (5.1.2): staff keep it, auditors read it, the demo superuser may do both.
        for (PlatformResource data : PlatformResource.values()) {
            if (data == PlatformResource.AUDIT_TRAIL || data == PlatformResource.SECURITY_POLICY
                    || data == PlatformResource.PERSONAL_DATA || data == PlatformResource.NOTIFICATION_SETTINGS
                    || data == PlatformResource.RULE_SET || data == PlatformResource.STAFF_REGISTER) {
                continue;
            }
            for (String staff : Groups.STAFF) {
                grant(staff, data, ANY, PlatformPermission.READ, PlatformPermission.WRITE);
            }
            grant(Groups.AUDITOR, data, ANY, PlatformPermission.READ);
            if (policy.isSuperuser()) {
                grant(Groups.ADMIN, data, ANY, PlatformPermission.ALL);
            }
        }
        // Personal data in full only where the work needs it: the service desk calls requesters back
        // (operations), management escalates; technical staff, auditors and administrators see it masked.
        grant(Groups.OPERATIONS, PlatformResource.PERSONAL_DATA, ANY, PlatformPermission.READ);
        grant(Groups.MANAGEMENT, PlatformResource.PERSONAL_DATA, ANY, PlatformPermission.READ);
        // Whom others are notified about, and how, is the administrators' to decide (system settings).
        grant(Groups.SYSTEM_ADMIN, PlatformResource.NOTIFICATION_SETTINGS, ANY, PlatformPermission.ALL);
        if (policy.isSuperuser()) {
            grant(Groups.ADMIN, PlatformResource.NOTIFICATION_SETTINGS, ANY, PlatformPermission.ALL);
        }
        // The decision tables and rules are the administrators' to change; auditors read which version decided what.
        grant(Groups.SYSTEM_ADMIN, PlatformResource.RULE_SET, ANY, PlatformPermission.ALL);
        grant(Groups.AUDITOR, PlatformResource.RULE_SET, ANY, PlatformPermission.READ);
        grant(Groups.AUDIT_ADMIN, PlatformResource.RULE_SET, ANY, PlatformPermission.READ);
        if (policy.isSuperuser()) {
            grant(Groups.ADMIN, PlatformResource.RULE_SET, ANY, PlatformPermission.ALL);
        }
        // The staff register: management keeps it, auditors read it; the others read their own entry (no grant needed).
        grant(Groups.MANAGEMENT, PlatformResource.STAFF_REGISTER, ANY, PlatformPermission.READ, PlatformPermission.WRITE);
        grant(Groups.AUDITOR, PlatformResource.STAFF_REGISTER, ANY, PlatformPermission.READ);
        if (policy.isSuperuser()) {
            grant(Groups.ADMIN, PlatformResource.STAFF_REGISTER, ANY, PlatformPermission.ALL);
        }
        administratorsRoles();
        if (demoUsers) {
            DEMO_USERS.forEach((id, info) -> ensureUser(id, info[0], info[1], "demo"));
        }
        createFilters();
    }

    /**
     * 三员分立 (GB/T 22239—2019 8.1.5): three roles, each with only its own permissions, none with all.
     * The system administrator has no authorization rights and adds members only to the staff groups (not to the
     * administrators' groups); the security administrator manages authorizations and accounts' security but no
     * users, deployments or data; the audit administrator reads the audit trail and nothing else.
     */
    private void administratorsRoles() {
        grant(Groups.SYSTEM_ADMIN, Resources.APPLICATION, "admin", Permissions.ACCESS);
        grant(Groups.SYSTEM_ADMIN, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Groups.SYSTEM_ADMIN, Resources.USER, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.GROUP, ANY, Permissions.READ, Permissions.CREATE, Permissions.UPDATE);
        for (String group : List.of(Groups.MANAGEMENT, Groups.TECHNICAL, Groups.OPERATIONS, Groups.AUDITOR,
                Groups.SERVICE_ACCOUNT)) {
            grant(Groups.SYSTEM_ADMIN, Resources.GROUP_MEMBERSHIP, group, Permissions.ALL);
        }
        grant(Groups.SYSTEM_ADMIN, Resources.DEPLOYMENT, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.DECISION_DEFINITION, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.SYSTEM, ANY, Permissions.ALL);
        grant(Groups.SYSTEM_ADMIN, Resources.TENANT, ANY, Permissions.ALL);
        // migrating many running instances to a new model version runs as a batch (the studio)
        grant(Groups.SYSTEM_ADMIN, Resources.BATCH, ANY, Permissions.ALL);

        grant(Groups.SECURITY_ADMIN, Resources.APPLICATION, "admin", Permissions.ACCESS);
        grant(Groups.SECURITY_ADMIN, Resources.AUTHORIZATION, ANY, Permissions.ALL);
        grant(Groups.SECURITY_ADMIN, Resources.USER, ANY, Permissions.READ);
        grant(Groups.SECURITY_ADMIN, Resources.GROUP, ANY, Permissions.READ);
        grant(Groups.SECURITY_ADMIN, PlatformResource.SECURITY_POLICY, ANY, PlatformPermission.READ,
                PlatformPermission.WRITE);

        grant(Groups.AUDIT_ADMIN, PlatformResource.AUDIT_TRAIL, ANY, PlatformPermission.READ);
    }

    /** The demo profile's superuser: Camunda's administrators' group with every permission (never in production). */
    private void superuser() {
        ensureGroup(Groups.ADMIN);
        for (Resource resource : Resources.values()) {
            grant(Groups.ADMIN, resource, ANY, Permissions.ALL);
        }
        grant(Groups.ADMIN, PlatformResource.AUDIT_TRAIL, ANY, PlatformPermission.READ);
        grant(Groups.ADMIN, PlatformResource.SECURITY_POLICY, ANY, PlatformPermission.ALL);
        ensureUser(SUPERUSER, Groups.ADMIN, "超级管理员（演示）", adminPassword);
    }

    /**
     * The three administrators. Demo: password {@code demo} (exempt like the other demo users). Production: a
     * random one-time password each, written to the initial-credentials file; the first login must change it.
     */
    private void administrators() {
        List<String> created = new java.util.ArrayList<>();
        ADMINISTRATORS.forEach((id, info) -> {
            if (identityService.createUserQuery().userId(id).count() > 0) {
                return;
            }
            String password = demoUsers ? "demo" : oneTimePassword();
            ensureUser(id, info[0], info[1], password);
            created.add(id + " (" + info[1] + "): " + password);
        });
        if (!demoUsers && !created.isEmpty()) {
            writeInitialCredentials(created);
        }
    }

    private void writeInitialCredentials(List<String> lines) {
        java.nio.file.Path file = java.nio.file.Path.of(policy.getInitialCredentialsFile()).toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.deleteIfExists(file);
            try {
                java.nio.file.Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                java.nio.file.Files.createFile(file);
            }
            List<String> content = new java.util.ArrayList<>();
            content.add("# SecFlow: one-time passwords of the three administrators (三员). Each must be changed at the");
            content.add("# first login (then a second factor is enrolled). Delete this file after handing them over.");
            content.addAll(lines);
            java.nio.file.Files.write(file, content);
            log.warn("created the administrators {}; their one-time passwords are in {} (delete it after use)",
                    ADMINISTRATORS.keySet(), file);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the administrators' one-time passwords to " + file, e);
        }
    }

    private static String oneTimePassword() {
        byte[] random = new byte[12];
        new java.security.SecureRandom().nextBytes(random);
        // Base32 gives upper-case letters and digits; the rest makes it meet every rule of the password policy
        return "Ot-" + Totp.base32(random) + "-x9";
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

    /**
     * Creates the user when missing. The password policy is skipped only for the demo users' {@code demo}
     * (they are exempt in the demo profile and absent elsewhere); every account made here must change its
     * password at its first login unless exempt.
     */
    private void ensureUser(String id, String group, String name, String password) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(name);
            user.setLastName("");
            user.setPassword(password);
            if (demoUsers) {
                user.setEmail(id + "@demo.secflow.local");
            }
            ((IdentityServiceImpl) identityService).saveUser(user, true);
            identityService.createMembership(id, group);
            log.info("created user {} in group {}", id, group);
        }
    }

    /**
     * A database of a version before {@link TaskWorkAuthorizations}: its open tasks still give READ per task. The staff
     * groups get READ_TASK on every process and the per-task rows lose READ (they keep TASK_WORK), once: afterwards no
     * per-task row has READ, so a later change of the staff's grants in Admin is left as it is.
     */
    void tasksReadThroughTheirProcess() {
        List<Authorization> perTask = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
                .hasPermission(Permissions.READ).list().stream()
                .filter(authorization -> !ANY.equals(authorization.getResourceId())).toList();
        if (perTask.isEmpty()) {
            return;
        }
        for (String staff : Groups.STAFF) {
            for (Authorization grant : authorizationService.createAuthorizationQuery().groupIdIn(staff)
                    .resourceType(Resources.PROCESS_DEFINITION).resourceId(ANY).list()) {
                grant.addPermission(ProcessDefinitionPermissions.READ_TASK);
                authorizationService.saveAuthorization(grant);
            }
        }
        for (Authorization authorization : perTask) {
            authorization.removePermission(Permissions.READ);
            authorizationService.saveAuthorization(authorization);
        }
        log.info("{} task authorizations now give work without READ; staff read tasks through their process", perTask.size());
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

    /**
     * The process and task variables a task card shows. Version 2 added the process's subject and, on
     * the tasks of shared steps, the service item and step that called them. Version 3 added the qualification
     * warning of a task claimed or assigned by someone without the qualification its model asks for (5.2.3.1).
     */
    private static final List<Map<String, String>> CARD_VARIABLES = List.of(
            Map.of("name", "clause", "label", "条款"),
            Map.of("name", "serviceStep", "label", "服务项目"),
            Map.of("name", "subject", "label", "事项"),
            Map.of("name", "requestingUnit", "label", "使用方"),
            Map.of("name", "title", "label", "事件标题"),
            Map.of("name", "grade", "label", "事件级别"),
            Map.of("name", "qualificationWarning", "label", "资质提醒"));
    private static final String CARD_VERSION = "secflowCardVariables";
    private static final int CURRENT_CARD_VERSION = 3;

    private void createFilter(String name, int priority, String description, TaskQuery query) {
        List<Filter> existing = filterService.createFilterQuery().filterName(name).list();
        if (!existing.isEmpty()) {
            existing.forEach(this::addNewCardVariables);
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("priority", priority);
        properties.put("description", description);
        properties.put("refresh", true);
        properties.put("variables", CARD_VARIABLES);
        properties.put(CARD_VERSION, CURRENT_CARD_VERSION);
        Filter filter = filterService.newTaskFilter(name).setOwner("sysadmin").setQuery(query).setProperties(properties);
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

    /**
     * A filter of an existing database gets the card variables added since it was created, once: the
     * version mark keeps a variable an administrator removed afterwards removed, and their other
     * changes stay as they are.
     */
    @SuppressWarnings("unchecked")
    private void addNewCardVariables(Filter filter) {
        Map<String, Object> properties = filter.getProperties() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(filter.getProperties());
        Object version = properties.get(CARD_VERSION);
        if (version instanceof Number number && number.intValue() >= CURRENT_CARD_VERSION) {
            return;
        }
        List<Map<String, Object>> variables = new java.util.ArrayList<>();
        if (properties.get("variables") instanceof List<?> shown) {
            shown.forEach(variable -> variables.add((Map<String, Object>) variable));
        }
        for (Map<String, String> card : CARD_VARIABLES) {
            if (variables.stream().noneMatch(variable -> card.get("name").equals(variable.get("name")))) {
                variables.add(new LinkedHashMap<>(card));
            }
        }
        properties.put("variables", variables);
        properties.put(CARD_VERSION, CURRENT_CARD_VERSION);
        filter.setProperties(properties);
        filterService.saveFilter(filter);
        log.info("Tasklist filter {}: card variables brought up to version {}", filter.getName(), CURRENT_CARD_VERSION);
    }
}
