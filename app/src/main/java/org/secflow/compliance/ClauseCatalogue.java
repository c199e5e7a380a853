package org.secflow.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** The project's catalogue of the 131 sub-clauses of section 7 ({@code compliance/section7-clauses.tsv}). */
@Component
public class ClauseCatalogue {

    static final String RESOURCE = "compliance/section7-clauses.tsv";

    private final Map<String, Clause> clauses;

    public ClauseCatalogue() {
        this.clauses = Collections.unmodifiableMap(load());
    }

    public List<Clause> all() {
        return List.copyOf(clauses.values());
    }

    public boolean contains(String number) {
        return clauses.containsKey(number);
    }

    /**
     * Clauses outside section 7 that models of platform functions carry (5.1.2 e: 上线检测, 钓鱼测试, 安全重保): not
     * sub-clauses of a service item, so neither in the 131 nor in the coverage; the clause trace of such a process
     * lists them with this text.
     */
    private static final Map<String, String> OUTSIDE_SECTION_7 = Map.of(
            "5.1.2 e", "安全服务管理功能：渗透测试、上线检测、应急演练、APP 检测、钓鱼测试、安全意识培训、安全重保服务管理。");

    /** The name the auditors' page gives such a clause when a process carries it as its item. */
    private static final Map<String, String> OUTSIDE_SECTION_7_NAMES = Map.of("5.1.2 e", "安全服务管理（上线检测、钓鱼测试、安全重保）");

    /** A service item of section 7, or a platform function outside it that processes carry as their item (5.1.2 e). */
    public boolean isItem(String item) {
        return !ofItem(item).isEmpty() || OUTSIDE_SECTION_7_NAMES.containsKey(item);
    }

    /** The name of an item of {@link #isItem}. */
    public String itemName(String item) {
        List<Clause> clauses = ofItem(item);
        return clauses.isEmpty() ? OUTSIDE_SECTION_7_NAMES.get(item) : clauses.get(0).itemName();
    }

    /** A clause a model carries that is not a sub-clause of section 7, for the trace; null when unknown. */
    public Clause outsideSection7(String number, String itemName) {
        String text = OUTSIDE_SECTION_7.get(number);
        return text == null ? null : new Clause(number, number, itemName, text);
    }

    /**
     * The clauses a period report of the item counts: its sub-clauses of section 7, or for a platform function
     * outside it (5.1.2 e) the one clause its processes carry; empty for anything else.
     */
    public List<Clause> clausesOf(String item) {
        List<Clause> clauses = ofItem(item);
        return clauses.isEmpty() && OUTSIDE_SECTION_7.containsKey(item)
                ? List.of(outsideSection7(item, itemName(item))) : clauses;
    }

    public List<Clause> ofItem(String item) {
        return clauses.values().stream().filter(clause -> clause.item().equals(item)).toList();
    }

    private static Map<String, Clause> load() {
        Map<String, Clause> loaded = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>(in.lines().toList());
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 4);
                loaded.put(columns[0], new Clause(columns[0], columns[1], columns[2], columns[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("clause catalogue " + RESOURCE + " is not readable", e);
        }
        return loaded;
    }
}
