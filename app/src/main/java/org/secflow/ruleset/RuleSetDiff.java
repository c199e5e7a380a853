package org.secflow.ruleset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.secflow.decision.DecisionTables;
import org.secflow.decision.RulesLoader.RuleFile;

/** What differs between two versions of the rule set: table cells, and lines of the rule files. */
final class RuleSetDiff {

    /** One cell of a decision table, e.g. {@code sla[II].respondWithin}: PT30M → PT20M. */
    record CellChange(String cell, String from, String to) {
    }

    /** One line added ({@code +}) or removed ({@code -}), with its line number in the file it is in. */
    record LineChange(String op, int line, String text) {
    }

    /** A rule file that was added, removed or changed. */
    record FileChange(String file, String status, List<LineChange> lines) {
    }

    record Diff(int from, int to, List<CellChange> tableChanges, List<FileChange> fileChanges) {
    }

    private RuleSetDiff() {
    }

    static Diff between(int from, DecisionTables fromTables, List<RuleFile> fromFiles,
                        int to, DecisionTables toTables, List<RuleFile> toFiles) {
        return new Diff(from, to, cells(fromTables, toTables), files(fromFiles, toFiles));
    }

    static List<CellChange> cells(DecisionTables before, DecisionTables after) {
        Map<String, String> a = before == null ? Map.of() : before.cells();
        Map<String, String> b = after == null ? Map.of() : after.cells();
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        List<CellChange> changes = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(a.get(name), b.get(name))) {
                changes.add(new CellChange(name, a.get(name), b.get(name)));
            }
        }
        return changes;
    }

    private static List<FileChange> files(List<RuleFile> before, List<RuleFile> after) {
        Map<String, String> a = byName(before);
        Map<String, String> b = byName(after);
        Set<String> names = new LinkedHashSet<>(a.keySet());
        names.addAll(b.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String name : names) {
            String old = a.get(name);
            String now = b.get(name);
            if (Objects.equals(old, now)) {
                continue;
            }
            String status = old == null ? "added" : now == null ? "removed" : "changed";
            changes.add(new FileChange(name, status, lines(old == null ? "" : old, now == null ? "" : now)));
        }
        return changes;
    }

    private static Map<String, String> byName(List<RuleFile> files) {
        Map<String, String> map = new LinkedHashMap<>();
        files.forEach(file -> map.put(file.name(), file.content()));
        return map;
    }

    /** The lines removed and added, by a longest common subsequence of lines (rule files are small). */
    static List<LineChange> lines(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<LineChange> changes = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                changes.add(new LineChange("+", j + 1, b[j]));
                j++;
            } else {
                changes.add(new LineChange("-", i + 1, a[i]));
                i++;
            }
        }
        return changes;
    }
}
