package org.secflow.ruleset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** {@code secflow.rules.*}: the settings of 规则管理. */
@Component
@ConfigurationProperties(prefix = "secflow.rules")
public class RuleSetSettings {

    /**
     * Whether administrators may change the rule files' DRL text itself (expert mode). Off: only the decision
     * tables can be changed. A DRL consequence is Java code run by the server, so this stays off unless
     * the provider decides that its administrators may write code.
     */
    private boolean expertMode = false;

    /** How long an old container is kept after a swap, for decisions still running on it. */
    private Duration retireAfter = Duration.ofSeconds(30);

    public boolean isExpertMode() {
        return expertMode;
    }

    public void setExpertMode(boolean expertMode) {
        this.expertMode = expertMode;
    }

    public Duration getRetireAfter() {
        return retireAfter;
    }

    public void setRetireAfter(Duration retireAfter) {
        this.retireAfter = retireAfter;
    }
}
