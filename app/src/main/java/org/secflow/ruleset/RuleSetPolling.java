package org.secflow.ruleset;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs {@link RuleSetService#refresh()}: each node looks for a newer rule set version every few seconds. */
@Configuration
@EnableScheduling
class RuleSetPolling {
}
