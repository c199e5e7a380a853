package org.secflow.decision;

/**
 * One problem of a rule set that does not build, in the administrator's terms: the rule file, its line and
 * column (null where the compiler gave none and none could be found) and the compiler's message.
 */
public record RuleError(String file, Integer line, Integer column, String message) {

    /** {@code <file> line <n>: <message>} ({@code line ?} when unknown), as start-up logs it. */
    @Override
    public String toString() {
        return file + " line " + (line == null ? "?" : line) + ": " + message;
    }
}
