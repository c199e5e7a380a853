package org.secflow.security;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Where the superuser {@code admin} exists outside the demo set-up ({@code secflow.security.superuser=true} with
 * {@code secflow.demo-users=false}, e.g. a MySQL test run; production has no superuser) the application refuses to
 * start with an empty or well-known admin password. It runs before any bean, so nothing is created with the weak
 * password.
 */
public class AdminPasswordGuard implements EnvironmentPostProcessor {

    static final String PASSWORD_PROPERTY = "secflow.admin-password";
    private static final Set<String> WELL_KNOWN = Set.of(
            "demo", "admin", "camunda", "password", "123456", "12345678", "changeme", "secret", "root");
    private static final int MIN_LENGTH = 10;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("secflow.demo-users", Boolean.class, true)
                || !environment.getProperty("secflow.security.superuser", Boolean.class, false)) {
            return;
        }
        String password = environment.getProperty(PASSWORD_PROPERTY, "");
        if (password.length() < MIN_LENGTH || WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException("Refusing to start: set SECFLOW_ADMIN_PASSWORD to a password of at least "
                    + MIN_LENGTH + " characters that is not a default (" + PASSWORD_PROPERTY + ")");
        }
    }
}
