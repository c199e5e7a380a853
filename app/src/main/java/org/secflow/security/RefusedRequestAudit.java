package org.secflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.secflow.audit.SecurityAudit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request answered 401 or 403, on any path (webapps, engine REST, our API, pages), goes into the audit
 * trail with method, path, status and the user the request named. Left out: the webapps' own "am I logged in?"
 * probe, which every page load of a logged-out browser makes.
 */
class RefusedRequestAudit extends OncePerRequestFilter {

    private final ProcessEngine engine;
    private final SecurityAudit audit;

    RefusedRequestAudit(ProcessEngine engine, SecurityAudit audit) {
        this.engine = engine;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var context = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        try {
            chain.doFilter(request, response);
        } finally {
            WebappLoginFilter.restore(context);
            int status = response.getStatus();
            if ((status == 401 || status == 403) && !isLoginProbe(request)) {
                audit.record("request.refused", user(request), false, Map.of("method", request.getMethod(),
                        "path", request.getRequestURI(), "status", status, "sourceAddress", request.getRemoteAddr()));
            }
        }
    }

    private static boolean isLoginProbe(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getRequestURI().matches(".*/api/admin/auth/user/[^/]+$");
    }

    /** The user named in the login form or in HTTP Basic (whether or not it exists), else the session's user. */
    private String user(HttpServletRequest request) {
        if ("POST".equals(request.getMethod()) && request.getRequestURI().matches(".*/auth/user/[^/]+/login/[^/]+$")) {
            return request.getParameter("username");
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(java.util.Base64.getDecoder().decode(header.substring(6).trim()),
                        java.nio.charset.StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        var session = request.getSession(false);
        if (session != null) {
            var auths = org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil.getAuthsFromSession(session);
            var auth = auths == null ? null : auths.getAuthenticationForProcessEngine(engine.getName());
            return auth == null ? null : auth.getIdentityId();
        }
        return null;
    }
}
