package org.secflow.servicedesk;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Search terms of Chinese and mixed text, without a dictionary: every Han character and every pair
 * of neighbouring Han characters (bigram), and every ASCII word or number. Chinese has no spaces,
 * and neither H2 nor MariaDB segments it, so the index holds these terms and a query is matched by
 * its bigrams: any sub-phrase of two characters or more finds the text.
 */
final class KnowledgeTerms {

    static final int MAX_TERM = 64;

    private KnowledgeTerms() {
    }

    /** Terms of a text with how often each occurs. */
    static Map<String, Integer> index(String text) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        for (Run run : runs(text)) {
            if (run.han()) {
                for (int i = 0; i < run.text().length(); i++) {
                    terms.merge(run.text().substring(i, i + 1), 1, Integer::sum);
                    if (i + 1 < run.text().length()) {
                        terms.merge(run.text().substring(i, i + 2), 1, Integer::sum);
                    }
                }
            } else {
                terms.merge(run.text(), 1, Integer::sum);
            }
        }
        return terms;
    }

    /** Terms of a query: bigrams of each Han run (the character itself when alone) and the words. */
    static Set<String> query(String text) {
        Set<String> terms = new LinkedHashSet<>();
        for (Run run : runs(text)) {
            if (run.han() && run.text().length() > 1) {
                for (int i = 0; i + 1 < run.text().length(); i++) {
                    terms.add(run.text().substring(i, i + 2));
                }
            } else {
                terms.add(run.text());
            }
        }
        return terms;
    }

    /** The runs of Han characters and of ASCII letters/digits, other characters separating them. */
    static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        if (text == null) {
            return runs;
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder current = new StringBuilder();
        Boolean han = null;
        for (int i = 0; i < normal.length(); ) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            Boolean kind = isHan(cp) ? Boolean.TRUE : (cp < 128 && Character.isLetterOrDigit(cp)) ? Boolean.FALSE : null;
            if (kind != han && current.length() > 0) {
                runs.add(new Run(current.toString(), han));
                current.setLength(0);
            }
            han = kind;
            if (kind != null) {
                current.appendCodePoint(cp);
            }
        }
        if (current.length() > 0) {
            runs.add(new Run(current.toString(), han));
        }
        // words longer than a term column are cut, the same way for text and query
        runs.replaceAll(run -> run.text().length() > MAX_TERM ? new Run(run.text().substring(0, MAX_TERM), run.han()) : run);
        return runs;
    }

    private static boolean isHan(int codePoint) {
        // BMP only: a character outside it would be two chars and break the bigram columns' length logic
        return Character.isBmpCodePoint(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    record Run(String text, boolean han) {
    }
}
