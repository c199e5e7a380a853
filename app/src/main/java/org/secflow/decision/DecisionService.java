package org.secflow.decision;

import java.util.List;

import org.kie.api.runtime.StatelessKieSession;
import org.springframework.stereotype.Service;

/**
 * Runs the rule files on one set of facts. All decisions are made in rules/; this class only
 * inserts the facts and hands back what the rules filled in.
 */
@Service("ruleDecisionService") // "decisionService" is taken by the engine's DMN service
public class DecisionService {

    private final RuleSets ruleSets;

    public DecisionService(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    /**
     * Grades the incident and derives its reporting duty and service levels.
     *
     * @throws IllegalStateException if the rules produced no grade (e.g. values outside the standard's terms)
     */
    public IncidentDecision decideIncident(IncidentFacts facts) {
        IncidentDecision decision = new IncidentDecision();
        // One rule set per decision, taken once: a new version applied meanwhile does not change it half-way.
        RuleSets.Active rules = ruleSets.current();
        // A stateless session per call: no state leaks between incidents, and calls may run in parallel.
        StatelessKieSession session = rules.container().newStatelessKieSession();
        session.execute(List.of(facts, decision));
        decision.setRuleSetVersion(rules.version());
        if (decision.getGrade() == null) {
            throw new IllegalStateException("The incident rules produced no grade for " + facts);
        }
        return decision;
    }

    /**
     * Classifies and grades a vulnerability by GB/T 30279—2020 from its indicators (or, when a scanner
     * gave none, from its score or level), see rules/vulnerability-grading.drl.
     *
     * @throws IllegalStateException if the rules produced no grade (no indicators, score or level)
     */
    public VulnerabilityDecision decideVulnerability(VulnerabilityFacts facts) {
        VulnerabilityDecision decision = new VulnerabilityDecision();
        RuleSets.Active rules = ruleSets.current();
        rules.container().newStatelessKieSession().execute(List.of(facts, decision));
        decision.setRuleSetVersion(rules.version());
        if (decision.getGrade() == null || decision.getVulnClass() == null) {
            throw new IllegalStateException("The vulnerability rules produced no grade for " + facts);
        }
        return decision;
    }
}
