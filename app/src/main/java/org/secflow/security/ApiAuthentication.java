package org.secflow.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic against Camunda's users for the engine REST API and for our own API. Camunda's filter
 * answers 401 without valid credentials and otherwise sets the engine's authentication for the
 * request, so the engine's authorizations decide what the caller may do (403 when they do not).
 */
@Configuration
class ApiAuthentication {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        return basicAuthentication("engine-rest-basic-auth", "/engine-rest", "/engine-rest/*");
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> ourApiAuthentication() {
        return basicAuthentication("api-basic-auth", null, "/api/*");
    }

    private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication(
            String name, String servletPathPrefix, String urlPattern) {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName(name);
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        if (servletPathPrefix != null) {
            registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, servletPathPrefix);
        }
        registration.addUrlPatterns(urlPattern);
        return registration;
    }
}
