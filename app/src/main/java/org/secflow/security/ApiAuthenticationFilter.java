package org.secflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who calls our API: a person logged in to the Tasklist or Cockpit (their session), for reading
 * only, so that a report link in a form opens without a second login; otherwise HTTP Basic against
 * Camunda's users, checked by Camunda's own provider. Writing calls need Basic: a session cookie alone
 * must not let another site post in the user's name. The engine's authorizations then decide.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final ProcessEngine engine;
    private final HandlerExceptionResolver errors;
    private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

    ApiAuthenticationFilter(ProcessEngine engine, HandlerExceptionResolver errors) {
        this.engine = engine;
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            authenticate(request, response, chain);
        } catch (RuntimeException e) {
            // Checking the password needs the database: when it is unreachable the caller gets the API's
            // own answer (503 from ApiErrors), not the servlet container's error page.
            if (response.isCommitted() || errors.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }

    private void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = sessionUser(request);
        List<String> groups = null;
        if (userId == null) {
            AuthenticationResult result = basic.extractAuthenticatedUser(request, engine);
            if (!result.isAuthenticated()) {
                basic.augmentResponseByAuthenticationChallenge(response, engine);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            userId = result.getAuthenticatedUser();
            groups = result.getGroups();
        }
        if (groups == null) {
            groups = engine.getIdentityService().createGroupQuery().groupMember(userId).list().stream()
                    .map(Group::getId).toList();
        }
        engine.getIdentityService().setAuthentication(userId, groups);
        try {
            chain.doFilter(request, response);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !"GET".equals(request.getMethod())) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engine.getName());
        return authentication instanceof UserAuthentication user ? user.getIdentityId() : null;
    }
}
