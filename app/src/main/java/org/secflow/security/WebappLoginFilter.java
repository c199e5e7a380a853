package org.secflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.secflow.audit.SecurityAudit;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) and logout:
 * the password is checked once here (Camunda's counter and lock apply), then what else the account needs —
 * TLS in production, not disabled, the password changed on first login and after expiry, the second factor
 * (form field {@code secondFactor}: TOTP code or recovery code). Only when all holds does Camunda's own login
 * run and create the session; otherwise the answer carries a code the login page acts on, and no session.
 */
class WebappLoginFilter extends OncePerRequestFilter {

    private final ProcessEngine engine;
    private final Accounts accounts;
    private final SecurityPolicy policy;
    private final SecurityAudit audit;
    private final ObjectMapper json = new ObjectMapper();

    WebappLoginFilter(ProcessEngine engine, Accounts accounts, SecurityPolicy policy, SecurityAudit audit) {
        this.engine = engine;
        this.accounts = accounts;
        this.policy = policy;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        RequestAttributes context = RequestContextHolder.getRequestAttributes();
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
        } else if (path.matches(".*/auth/user/[^/]+/login/[^/]+$")) {
            login(request, response, chain, context);
        } else if (path.endsWith("/logout")) {
            String user = sessionUser(request);
            chain.doFilter(request, response);
            restore(context);
            if (user != null) {
                audit.record("logout", user, response.getStatus() < 400,
                        Map.of("channel", "webapps", "sourceAddress", request.getRemoteAddr()));
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private void login(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                       RequestAttributes context) throws IOException, ServletException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        try {
            if (policy.isRequireTls() && !request.isSecure()) {
                audit.record("login.refused", username, false, Map.of("reason", "TLS_REQUIRED"));
                throw new LoginRefused(LoginRefused.Reason.TLS_REQUIRED);
            }
            if (username == null || password == null || !engine.getIdentityService().checkPassword(username, password)) {
                throw new LoginRefused(LoginRefused.Reason.BAD_CREDENTIALS);
            }
            accounts.checkInteractiveLogin(username, request.getParameter("secondFactor"));
        } catch (LoginRefused refused) {
            refuse(response, refused);
            return;
        }
        chain.doFilter(request, response);
        restore(context);
        if (response.getStatus() == HttpServletResponse.SC_OK) {
            boolean second = request.getParameter("secondFactor") != null
                    && !request.getParameter("secondFactor").isBlank();
            accounts.loggedIn(username, second ? "password+second factor" : "password", request.getRemoteAddr());
        }
    }

    /** Camunda's Jersey resets Spring's request context at its end; the audit after it needs the source address. */
    static void restore(RequestAttributes context) {
        if (context != null && RequestContextHolder.getRequestAttributes() == null) {
            RequestContextHolder.setRequestAttributes(context);
        }
    }

    static void refuse(HttpServletResponse response, LoginRefused refused) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "LoginRefused");
        body.put("code", refused.code());
        body.put("message", refused.getMessage());
        response.setStatus(refused.status());
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(new ObjectMapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }

    private String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engine.getName());
        return authentication == null ? null : authentication.getIdentityId();
    }
}
