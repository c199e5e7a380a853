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
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who calls our API: a person logged in to the webapps (their session) for reading, so that a report link in a
 * form opens without a second login, and for writing only with the session's CSRF token; otherwise HTTP Basic
 * against Camunda's users, checked by Camunda's own provider with our account checks
 * ({@link CheckedBasicAuthentication}). A session cookie alone must not let another site post in the user's name.
 * The engine's authorizations then decide.
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final ProcessEngine engine;
    private final HandlerExceptionResolver errors;
    private final HttpBasicAuthenticationProvider basic;

    ApiAuthenticationFilter(ProcessEngine engine, HandlerExceptionResolver errors, HttpBasicAuthenticationProvider basic) {
        this.engine = engine;
        this.errors = errors;
        this.basic = basic;
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

    /**
     * A write with the session is accepted only with the webapps' CSRF token of that session in
     * {@code X-XSRF-TOKEN} (which another site cannot read): so administrators whose account needs a second factor,
     * and who therefore cannot use HTTP Basic, can still act from their logged-in browser.
     */
    private static boolean carriesCsrfToken(HttpServletRequest request, HttpSession session) {
        Object token = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String header = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return token instanceof String expected && header != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                header.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !("GET".equals(request.getMethod()) || carriesCsrfToken(request, session))) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engine.getName());
        return authentication instanceof UserAuthentication user ? user.getIdentityId() : null;
    }
}
