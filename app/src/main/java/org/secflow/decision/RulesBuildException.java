package org.secflow.decision;

import java.util.List;

/**
 * Rule files that do not build. The message lists every error as {@code <file name> line <n>: <message>},
 * one per line, so that an administrator can fix a changed rule file from the start-up log alone.
 */
public class RulesBuildException extends RuntimeException {

    private final List<String> errors;

    public RulesBuildException(List<String> errors) {
        super("Rule files do not build (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n"
                + String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public RulesBuildException(String message) {
        super(message);
        this.errors = List.of(message);
    }

    /** Each error as {@code <file name> line <n>: <message>}. */
    public List<String> getErrors() {
        return errors;
    }
}
