package org.secflow.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** Where a superuser exists outside the demo set-up (MySQL test runs) it does not start with a default password. */
class AdminPasswordGuardTest {

    private final AdminPasswordGuard guard = new AdminPasswordGuard();

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "admin", "Camunda", "short1"})
    void productionRefusesWeakOrDefaultPasswords(String password) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("secflow.demo-users", "false").withProperty("secflow.security.superuser", "true")
                .withProperty(AdminPasswordGuard.PASSWORD_PROPERTY, password);
        assertThatThrownBy(() -> guard.postProcessEnvironment(environment, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SECFLOW_ADMIN_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-long-and-private-pass"})
    void productionStartsWithAProperPassword(String password) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("secflow.demo-users", "false").withProperty("secflow.security.superuser", "true")
                .withProperty(AdminPasswordGuard.PASSWORD_PROPERTY, password);
        assertThatCode(() -> guard.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo"})
    void theDemoSetUpKeepsItsDemoPassword(String password) {
        MockEnvironment environment = new MockEnvironment().withProperty(AdminPasswordGuard.PASSWORD_PROPERTY, password);
        assertThatCode(() -> guard.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }
}
