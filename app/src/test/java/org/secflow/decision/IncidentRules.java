package org.secflow.decision;

import java.nio.file.Path;

import org.kie.api.runtime.KieContainer;

/** The repository's rule files and decision tables (../rules seen from app/), built once for all rule tests. */
final class IncidentRules {

    static final Path DIRECTORY = Path.of("..", "rules");

    private static KieContainer container;

    private IncidentRules() {
    }

    static synchronized KieContainer container() {
        if (container == null) {
            container = RulesLoader.loadDirectory(DIRECTORY);
        }
        return container;
    }

    static DecisionService decisionService() {
        return new DecisionService(RuleSets.of(1, container()));
    }
}
