package org.secflow.audit;

import java.util.Locale;
import java.util.Set;
import org.secflow.crypto.PersonalData;

/**
 * What the audit trail keeps of a value (GB/T 22239—2019 8.1.4.10/11): no secret at all, personal
 * data masked. The trail proves who set which field when, not the person's phone number.
 */
final class AuditMasking {

    /** Variables holding a person's name. */
    private static final Set<String> NAMES = Set.of("contactperson", "reporter", "reportername");

    private AuditMasking() {
    }

    static String variableValue(String name, String value) {
        if (value == null) {
            return null;
        }
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (key.contains("password") || key.contains("secret") || key.contains("token") || key.contains("credential")) {
            return "******";
        }
        if (NAMES.contains(key)) {
            return PersonalData.maskName(value);
        }
        return PersonalData.maskText(value);
    }
}
