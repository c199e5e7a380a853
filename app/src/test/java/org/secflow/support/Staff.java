package org.secflow.support;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The people of the tests, one per group, with password {@code demo}. The default profile creates
 * them as demo users; on MySQL (no demo users) the tests create them.
 */
public final class Staff {

    public static final String PASSWORD = "demo";
    public static final Map<String, String> GROUP_OF = Map.of(
            "manager", "management",
            "engineer", "technical",
            "operator", "operations",
            "auditor", "auditor",
            // a service account of another system (honeypot, monitoring platform) that raises messages
            "socplatform", "serviceAccount");

    private Staff() {
    }

    /** The test user who works the tasks of a staff group. */
    public static String memberOf(String group) {
        return GROUP_OF.entrySet().stream().filter(entry -> entry.getValue().equals(group)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no test user in group " + group));
    }

    public static void ensure(IdentityService identityService) {
        GROUP_OF.forEach((id, group) -> {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                User user = identityService.newUser(id);
                user.setPassword(PASSWORD);
                user.setEmail(id + "@demo.secflow.local");
                save(identityService, user);
                identityService.createMembership(id, group);
            }
        });
    }

    /**
     * Saves a test user with the test password {@code demo}, which the password policy refuses: the policy is
     * skipped here as for the demo users (the policy's own tests are in org.secflow.security).
     */
    public static void save(IdentityService identityService, User user) {
        ((org.camunda.bpm.engine.impl.IdentityServiceImpl) identityService).saveUser(user, true);
    }

    /** Runs the action as the user, so that the engine checks the user's authorizations and records the user. */
    public static <T> T as(IdentityService identityService, String userId, Supplier<T> action) {
        identityService.setAuthentication(userId, List.of(GROUP_OF.get(userId)));
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    public static void as(IdentityService identityService, String userId, Runnable action) {
        as(identityService, userId, () -> {
            action.run();
            return null;
        });
    }
}
