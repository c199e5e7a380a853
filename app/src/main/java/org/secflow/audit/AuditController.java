package org.secflow.audit;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the audit trail, for auditors and administrators (Camunda authorization on "audit-trail"). */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditChain chain;
    private final AuthorizationService authorizationService;
    private final IdentityService identityService;

    AuditController(AuditChain chain, AuthorizationService authorizationService, IdentityService identityService) {
        this.chain = chain;
        this.authorizationService = authorizationService;
        this.identityService = identityService;
    }

    @GetMapping("/verify")
    AuditChain.Verification verify() {
        Authentication user = identityService.getCurrentAuthentication();
        if (!authorizationService.isUserAuthorized(user.getUserId(), user.getGroupIds(), AuditTrailPermission.READ,
                AuditTrailResource.INSTANCE, AuditTrailResource.ID)) {
            throw new AuthorizationException(user.getUserId(), AuditTrailPermission.READ.getName(),
                    AuditTrailResource.INSTANCE.resourceName(), AuditTrailResource.ID);
        }
        return chain.verify();
    }
}
