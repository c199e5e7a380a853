package org.secflow.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Compares product versions as vendors write them (1.10 after 1.9, 22.7R2.3 before 22.7R2.10). */
final class Versions {

    private Versions() {
    }

    static int compare(String a, String b) {
        List<String> left = parts(a);
        List<String> right = parts(b);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String x = i < left.size() ? left.get(i) : "0";
            String y = i < right.size() ? right.get(i) : "0";
            int order = x.chars().allMatch(Character::isDigit) && y.chars().allMatch(Character::isDigit)
                    ? compareNumbers(x, y) : x.compareTo(y);
            if (order != 0) {
                return Integer.signum(order);
            }
        }
        return 0;
    }

    // numbers and letters apart: "22.7R2.3" → 22, 7, r, 2, 3
    private static List<String> parts(String version) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        Boolean digits = null;
        for (char c : version.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            boolean isDigit = Character.isDigit(c);
            boolean isLetter = Character.isLetter(c);
            if (!isDigit && !isLetter || digits != null && digits != isDigit) {
                if (part.length() > 0) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
            }
            if (isDigit || isLetter) {
                part.append(c);
                digits = isDigit;
            } else {
                digits = null;
            }
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static int compareNumbers(String x, String y) {
        String a = x.replaceFirst("^0+(?=.)", "");
        String b = y.replaceFirst("^0+(?=.)", "");
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
