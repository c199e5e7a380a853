package org.secflow.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Asks the engine whether the caller of our API may read or write a kind of platform data. An
 * unauthorized call ends in {@link AuthorizationException}, which the API answers with 403.
 */
@Component
public class ApiPermissions {

    private final AuthorizationService authorizationService;
    private final IdentityService identityService;

    ApiPermissions(AuthorizationService authorizationService, IdentityService identityService) {
        this.authorizationService = authorizationService;
        this.identityService = identityService;
    }

    public void require(Permission permission, Resource resource) {
        Authentication user = identityService.getCurrentAuthentication();
        if (user == null || !authorizationService.isUserAuthorized(user.getUserId(), user.getGroupIds(), permission,
                resource, ANY)) {
            throw new AuthorizationException(user == null ? null : user.getUserId(), permission.getName(),
                    resource.resourceName(), ANY);
        }
    }

    /** Whether the caller may, without failing: for views that leave out what the caller may not read. */
    public boolean allows(Permission permission, Resource resource) {
        Authentication user = identityService.getCurrentAuthentication();
        return user != null && authorizationService.isUserAuthorized(user.getUserId(), user.getGroupIds(), permission,
                resource, ANY);
    }

    /** The user the API call is made by, for the records it writes. */
    public String currentUser() {
        Authentication user = identityService.getCurrentAuthentication();
        return user == null ? null : user.getUserId();
    }
}
