package org.secflow.security;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * Camunda's HTTP Basic check (password, failure counter and lock) for {@code /engine-rest} and our {@code /api},
 * plus what else applies to such calls: TLS in production, account not disabled, and no person whose account
 * needs a second factor (people log in to the webapps; other systems call with a service account's token).
 */
class CheckedBasicAuthentication extends HttpBasicAuthenticationProvider {

    private final Accounts accounts;
    private final SecurityPolicy policy;

    CheckedBasicAuthentication(Accounts accounts, SecurityPolicy policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        if (policy.isRequireTls() && !request.isSecure()) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
        if (result.isAuthenticated()) {
            try {
                accounts.checkBasicCall(result.getAuthenticatedUser());
            } catch (LoginRefused refused) {
                request.setAttribute(LoginRefused.class.getName(), refused.getMessage());
                return AuthenticationResult.unsuccessful(result.getAuthenticatedUser());
            }
        }
        return result;
    }
}
