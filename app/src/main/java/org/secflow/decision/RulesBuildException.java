package org.secflow.decision;

import java.util.List;

/**
 * Rule files that do not build. The message lists every error as {@code <file name> line <n>: <message>},
 * one per line, so that an administrator can fix a changed rule file from the start-up log alone;
 * {@link #getProblems()} gives them with their columns, for the administrators' API.
 */
public class RulesBuildException extends RuntimeException {

    private final List<RuleError> problems;

    public RulesBuildException(List<RuleError> problems) {
        super("Rule files do not build (" + problems.size() + " error" + (problems.size() == 1 ? "" : "s") + "):\n"
                + String.join("\n", problems.stream().map(RuleError::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public RulesBuildException(String message) {
        super(message);
        this.problems = List.of(new RuleError("(rules)", null, null, message));
    }

    /** Each error as {@code <file name> line <n>: <message>}. */
    public List<String> getErrors() {
        return problems.stream().map(RuleError::toString).toList();
    }

    public List<RuleError> getProblems() {
        return problems;
    }
}
