package org.secflow.decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.api.builder.Message;

/**
 * Turns KIE builder errors into {@link RuleError}s: {@code <file name> line <n>: <message>}.
 * <p>
 * The executable-model compiler reports some errors without a line (-1) and others against the Java
 * it generated from a rule. Administrators only know their rule files, so such errors are traced back
 * to the file and, where the offending text can be found in it, to its line ("line ?" otherwise).
 */
final class RuleErrorLocator {

    /** A rule file as written to the KIE file system. */
    record Source(String name, String packageName, String content) {
    }

    private static final String GENERATED_JAVA = "src/main/java/";
    private static final String JAVA_SOURCE_DUMP = "Java source of ";
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    // Generated predicates name their rule and resource: info.addRuleNames("rule", "rules/x.drl")
    private static final Pattern RULE_NAMES = Pattern.compile("addRuleNames\\(\"(?:[^\"\\\\]|\\\\.)*\", \"([^\"]+)\"\\)");
    // ... and carry the constraint as written: new PredicateInformation("a >= \"b\"")
    private static final Pattern PREDICATE_TEXT = Pattern.compile("new org\\.drools\\.model\\.functions\\.PredicateInformation\\(\"((?:[^\"\\\\]|\\\\.)*)\"");
    // A generated statement such as ($d).setGarde("I"); or $d.setX(y); → setGarde("I")
    private static final Pattern CALL = Pattern.compile("(\\w+\\(.*\\))\\s*;?\\s*$");
    private static final Pattern IDENTIFIER = Pattern.compile("\\w+");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\{1,2}u([0-9a-fA-F]{4})");

    private final Map<String, Source> sourcesByPath;

    /** @param sourcesByPath rule files by the path the builder reports for them, e.g. {@code rules/x/0-a.drl} */
    RuleErrorLocator(Map<String, Source> sourcesByPath) {
        this.sourcesByPath = sourcesByPath;
    }

    List<RuleError> describe(List<Message> errors) {
        // The compiler follows each Java error with a dump of the generated file: keep it for locating only.
        Map<String, String> generatedByPath = new HashMap<>();
        Map<String, Integer> errorsByPath = new HashMap<>();
        for (Message error : errors) {
            if (error.getText().startsWith(JAVA_SOURCE_DUMP)) {
                String text = withCharacters(error.getText());
                int newline = text.indexOf('\n');
                generatedByPath.put(error.getPath(), newline < 0 ? "" : text.substring(newline + 1));
            } else {
                errorsByPath.merge(String.valueOf(error.getPath()), 1, Integer::sum);
            }
        }
        List<RuleError> described = new ArrayList<>();
        for (Message error : errors) {
            String text = withCharacters(error.getText()).strip();
            if (text.startsWith(JAVA_SOURCE_DUMP)) {
                continue;
            }
            // Follows a syntax error that has already been reported with its line.
            if (text.equals(NULL_PACKAGE) && errorsByPath.get(String.valueOf(error.getPath())) > 1) {
                continue;
            }
            described.add(describe(error, text, generatedByPath.get(error.getPath())));
        }
        // One mistake can break several generated lambdas; once located, the unlocated copies add nothing.
        return described.stream()
                .distinct()
                .filter(d -> d.line() != null || described.stream().noneMatch(
                        other -> other.line() != null && other.file().equals(d.file()) && other.message().equals(d.message())))
                .toList();
    }

    private RuleError describe(Message error, String text, String generated) {
        String path = error.getPath();
        Source source = path == null ? null : sourcesByPath.get(path);
        OptionalInt line = OptionalInt.empty();
        if (source != null) {
            line = error.getLine() > 0 ? OptionalInt.of(error.getLine()) : find(source, afterFirstColon(text));
        } else if (path != null && path.startsWith(GENERATED_JAVA)) {
            source = generatedFrom(path, generated).orElse(null);
            if (source != null && generated != null) {
                line = lineInRuleFile(source, generated, error.getLine());
            }
        }
        String name = source != null ? source.name() : path != null ? path : "(rules)";
        // the column is the compiler's only where the line is too
        Integer column = source != null && error.getLine() > 0 && error.getColumn() > 0 ? error.getColumn() : null;
        return new RuleError(name, line.isPresent() ? line.getAsInt() : null, column, text);
    }

    /** The rule file a generated Java file came from: named in it, or else the only file of its package. */
    private Optional<Source> generatedFrom(String javaPath, String generated) {
        if (generated != null) {
            Matcher ruleNames = RULE_NAMES.matcher(generated);
            if (ruleNames.find() && sourcesByPath.containsKey(ruleNames.group(1))) {
                return Optional.of(sourcesByPath.get(ruleNames.group(1)));
            }
        }
        // src/main/java/x/y/P51/Lambda….java → lambdas sit in a sub-package of the rule package x.y
        String directory = javaPath.substring(GENERATED_JAVA.length(), Math.max(GENERATED_JAVA.length(), javaPath.lastIndexOf('/')));
        String javaPackage = directory.replace('/', '.');
        String parent = javaPackage.contains(".") ? javaPackage.substring(0, javaPackage.lastIndexOf('.')) : "";
        List<Source> candidates = sourcesByPath.values().stream()
                .filter(s -> s.packageName().equals(javaPackage) || s.packageName().equals(parent))
                .toList();
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static OptionalInt lineInRuleFile(Source source, String generated, int generatedLine) {
        Matcher predicate = PREDICATE_TEXT.matcher(generated);
        if (predicate.find()) {
            OptionalInt line = find(source, unescape(predicate.group(1)));
            if (line.isPresent()) {
                return line;
            }
        }
        String[] lines = generated.split("\n", -1);
        if (generatedLine >= 1 && generatedLine <= lines.length) {
            Matcher call = CALL.matcher(lines[generatedLine - 1].strip());
            if (call.find()) {
                return find(source, call.group(1));
            }
        }
        return OptionalInt.empty();
    }

    /** First line (1-based) of the rule file holding the snippet, ignoring whitespace and comment lines. */
    static OptionalInt find(Source source, String snippet) {
        if (snippet == null || snippet.isBlank()) {
            return OptionalInt.empty();
        }
        String[] lines = source.content().split("\n", -1);
        boolean identifier = IDENTIFIER.matcher(snippet).matches();
        Pattern word = Pattern.compile("\\b" + Pattern.quote(snippet) + "\\b");
        String compact = withoutWhitespace(snippet);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("//")) {
                continue;
            }
            boolean found = identifier ? word.matcher(line).find() : withoutWhitespace(line).contains(compact);
            if (found) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    // "Unable to parse left part of expression: a == 1" → "a == 1"; the expression may hold ": " itself.
    private static String afterFirstColon(String text) {
        int colon = text.indexOf(": ");
        return colon < 0 ? null : text.substring(colon + 2).strip();
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }

    // The builder saw the rule files with unicode escapes (RulesLoader.asciiOnly), in generated Java
    // literals possibly with the backslash doubled; show the characters that were written.
    private static String withCharacters(String text) {
        return UNICODE_ESCAPE.matcher(text)
                .replaceAll(escape -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(escape.group(1), 16))));
    }

    private static String unescape(String javaString) {
        return javaString.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
