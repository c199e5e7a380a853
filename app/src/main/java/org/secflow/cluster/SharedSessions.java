package org.secflow.cluster;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.secflow.security.SecurityPolicy;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP sessions live in the database (Spring Session JDBC, tables of {@code V280__http_sessions.sql}), so a
 * logged-in person's requests work on whichever node the load balancer picks: the webapps' login
 * (Camunda's {@code authenticatedUser}) and CSRF token, and our pages that read them. A single node works the
 * same way (its sessions also survive a restart).
 *
 * <p>Camunda's webapps change their session object in place (a logout removes the engine's authentication, the
 * authentication cache renews its validation time); their {@code AuthenticationFilter} sets the attribute again at
 * the end of every request, so Spring Session's default save mode writes the change to the table
 * ({@code SharedSessionTest}: a logout ends the session for every node).
 */
@Configuration(proxyBeanMethods = false)
class SharedSessions {

    /**
     * Two requests of one browser may add the same attribute at the same moment (the Tasklist sends several at
     * once): the second insert updates the row instead of failing on the key. Valid on MySQL and H2 (MySQL mode).
     */
    static final String CREATE_ATTRIBUTE = "INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, "
            + "ATTRIBUTE_BYTES) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE ATTRIBUTE_BYTES = VALUES(ATTRIBUTE_BYTES)";

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> concurrentAttributeInserts() {
        return repository -> repository.setCreateSessionAttributeQuery(CREATE_ATTRIBUTE);
    }

    /** New sessions end after {@code secflow.security.session-idle-timeout} without a request. */
    @Bean
    FilterRegistrationBean<IdleTimeout> sessionIdleTimeout(SecurityPolicy policy) {
        FilterRegistrationBean<IdleTimeout> registration = new FilterRegistrationBean<>(new IdleTimeout(policy));
        registration.setName("session-idle-timeout");
        registration.addUrlPatterns("/*");
        // just inside Spring Session's filter, which gives every later filter and servlet the shared session
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    /** Gives each session the policy's idle time when it is created, whoever creates it. */
    static final class IdleTimeout extends OncePerRequestFilter {

        private final SecurityPolicy policy;

        IdleTimeout(SecurityPolicy policy) {
            this.policy = policy;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public HttpSession getSession(boolean create) {
                    HttpSession session = super.getSession(create);
                    if (session != null && session.isNew()) {
                        session.setMaxInactiveInterval((int) Math.max(1, policy.getSessionIdleTimeout().toSeconds()));
                    }
                    return session;
                }

                @Override
                public HttpSession getSession() {
                    return getSession(true);
                }
            }, response);
        }
    }
}
