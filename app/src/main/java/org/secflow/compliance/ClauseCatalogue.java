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
