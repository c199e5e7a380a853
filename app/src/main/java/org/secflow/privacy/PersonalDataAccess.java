package org.secflow.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.secflow.audit.AuditChain;
import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.springframework.stereotype.Component;

/**
 * Who sees personal data in full (GB/T 22239—2019 8.1.4.11): lists and records show it masked; a caller
 * who asks for it ({@code reveal=true}) needs READ on the authorization resource {@code PersonalData},
 * and every such showing is an entry of the audit trail (who, which records, which fields).
 */
@Component
public class PersonalDataAccess {

    private final ApiPermissions permissions;
    private final AuditChain audit;

    PersonalDataAccess(ApiPermissions permissions, AuditChain audit) {
        this.permissions = permissions;
        this.audit = audit;
    }

    /**
     * Whether to show the records' personal data in full: false unless asked for; asked for without the
     * permission ends in 403 (and nothing is shown); allowed, the showing is recorded before the answer.
     */
    public boolean reveal(boolean requested, String kind, List<Long> ids, List<String> fields) {
        if (!requested) {
            return false;
        }
        permissions.require(PlatformPermission.READ, PlatformResource.PERSONAL_DATA);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", kind);
        content.put("ids", ids);
        content.put("fields", fields);
        audit.record("personalData.revealed", permissions.currentUser(), content);
        return true;
    }
}
