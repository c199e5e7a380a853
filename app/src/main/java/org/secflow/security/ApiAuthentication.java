package org.secflow.security;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.secflow.audit.SecurityAudit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * HTTP Basic against Camunda's users for the engine REST API (Camunda's filter) and for our own API
 * ({@link ApiAuthenticationFilter}, which also accepts the Tasklist's login for reading), both through
 * {@link CheckedBasicAuthentication}. Both answer 401 without valid credentials and otherwise set the engine's
 * authentication for the request, so the engine's authorizations decide what the caller may do (403 when they do
 * not). Also here: the checks in front of the webapps' login ({@link WebappLoginFilter}), the audit of refused
 * requests. The sessions' idle timeout: org.secflow.cluster.SharedSessions.
 */
@Configuration
class ApiAuthentication {

    @Bean
    CheckedBasicAuthentication checkedBasicAuthentication(Accounts accounts, SecurityPolicy policy) {
        return new CheckedBasicAuthentication(accounts, policy);
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
            CheckedBasicAuthentication basic) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter() {
                    @Override
                    public void init(FilterConfig filterConfig) throws ServletException {
                        super.init(filterConfig);
                        authenticationProvider = basic;
                    }
                });
        registration.setName("engine-rest-basic-auth");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                CheckedBasicAuthentication.class.getSuperclass().getName());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> ourApiAuthentication(ProcessEngine engine,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors, CheckedBasicAuthentication basic) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine, errors, basic));
        registration.setName("api-authentication");
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<WebappLoginFilter> webappLoginChecks(ProcessEngine engine, Accounts accounts,
            SecurityPolicy policy, SecurityAudit audit) {
        FilterRegistrationBean<WebappLoginFilter> registration =
                new FilterRegistrationBean<>(new WebappLoginFilter(engine, accounts, policy, audit));
        registration.setName("webapp-login-checks");
        registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
        // inside Spring's request context (order -105), before Camunda's webapp filters (lowest precedence)
        registration.setOrder(-100);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RefusedRequestAudit> refusedRequestAudit(ProcessEngine engine, SecurityAudit audit) {
        FilterRegistrationBean<RefusedRequestAudit> registration =
                new FilterRegistrationBean<>(new RefusedRequestAudit(engine, audit));
        registration.setName("refused-request-audit");
        registration.addUrlPatterns("/*");
        // just inside Spring's request context (order -105, which gives the source address), around all others
        registration.setOrder(-104);
        return registration;
    }
}
