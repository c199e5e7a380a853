package org.secflow.crypto;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data for lists, logs and exports: mobile 138****8000, landline 020-****5678,
 * e-mail z***@example.com, names 张**, identity numbers 440***********1234. Free text keeps its
 * words and loses the numbers and addresses in it.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
    private static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])(\\d{3})\\d{11}(\\d{3}[0-9Xx])(?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9]\\d)\\d{4}(\\d{4})(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(0\\d{2,3}-?)\\d{3,4}(\\d{4})(?![0-9])");

    private PersonalData() {
    }

    /** Phone numbers, e-mail addresses and identity numbers anywhere in a text, masked. */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = replace(EMAIL, text, m -> m.group(1) + "***" + m.group(2));
        masked = replace(ID_NUMBER, masked, m -> m.group(1) + "*".repeat(11) + m.group(2));
        masked = replace(MOBILE, masked, m -> m.group(1) + "****" + m.group(2));
        return replace(LANDLINE, masked, m -> m.group(1) + "****" + m.group(2));
    }

    /** A person's name: the first character kept. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(1, Math.min(rest, 4)));
    }

    /**
     * A contact field (phone, e-mail, or both in one text): the numbers and addresses masked; a text
     * with none of them (a QQ number, an office) shows only its first and last character.
     */
    public static String maskContact(String contact) {
        if (contact == null || contact.isEmpty()) {
            return contact;
        }
        String masked = maskText(contact);
        if (!masked.equals(contact)) {
            return masked;
        }
        if (contact.length() <= 2) {
            return "*".repeat(contact.length());
        }
        return contact.charAt(0) + "*".repeat(Math.min(contact.length() - 2, 6)) + contact.charAt(contact.length() - 1);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
