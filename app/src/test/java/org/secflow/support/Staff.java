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
            "auditor", "auditor");

    private Staff() {
    }

    public static void ensure(IdentityService identityService) {
        GROUP_OF.forEach((id, group) -> {
            if (identityService.createUserQuery().userId(id).count() == 0) {
                User user = identityService.newUser(id);
                user.setPassword(PASSWORD);
                identityService.saveUser(user);
                identityService.createMembership(id, group);
            }
        });
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
