package org.secflow.audit;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code auditSealer}: DOWN while committed audit entries have
 * waited longer than {@code secflow.audit.seal-alarm-after} for their seal (a stalled sealer, a held
 * lock on the chain's head), so that monitoring raises the alarm; the watchdog logs it at ERROR.
 */
@Component("auditSealer")
class AuditSealerHealth implements HealthIndicator {

    private final AuditChain chain;

    AuditSealerHealth(AuditChain chain) {
        this.chain = chain;
    }

    @Override
    public Health health() {
        Duration age = chain.unsealedAge();
        Health.Builder health = age.compareTo(chain.alarmAfter()) > 0 ? Health.down() : Health.up();
        return health.withDetail("oldestUnsealedSeconds", age.toSeconds())
                .withDetail("alarmAfterSeconds", chain.alarmAfter().toSeconds())
                .build();
    }
}
