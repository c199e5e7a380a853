package org.secflow.audit;

import org.secflow.security.ApiPermissions;
import org.secflow.security.PlatformPermission;
import org.secflow.security.PlatformResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the audit trail, for auditors and administrators (Camunda authorization on "AuditTrail"). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditChain chain;
    private final ApiPermissions permissions;

    AuditController(AuditChain chain, ApiPermissions permissions) {
        this.chain = chain;
        this.permissions = permissions;
    }

    @GetMapping("/verify")
    AuditChain.Verification verify() {
        permissions.require(PlatformPermission.READ, PlatformResource.AUDIT_TRAIL);
        return chain.verify();
    }
}
