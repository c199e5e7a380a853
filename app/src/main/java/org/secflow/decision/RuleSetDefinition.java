package org.secflow.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * What a version of the rule set is made of: the decision tables an administrator edits (null for a rule
 * set of DRL files only) and the hand-written DRL files (grading, vulnerability grading; the expert mode
 * edits these). The executable rule set is the DRL generated from the tables plus the hand-written files.
 */
public record RuleSetDefinition(DecisionTables tables, List<RulesLoader.RuleFile> drlFiles) {

    public RuleSetDefinition {
        drlFiles = List.copyOf(drlFiles);
    }

    /** The DRL generated from the tables (none without tables). */
    public List<RulesLoader.RuleFile> generatedFiles() {
        return tables == null ? List.of() : DrlTemplates.generate(tables);
    }

    /** Every file the container is built from: generated first, then the hand-written ones. */
    public List<RulesLoader.RuleFile> executableFiles() {
        List<RulesLoader.RuleFile> files = new ArrayList<>(generatedFiles());
        files.addAll(drlFiles);
        return files;
    }
}
