package org.secflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine REST API reads deployment uploads itself, past Spring's multipart limits. Without a limit
 * a large file reached the database and failed there with a 500 (MySQL's max_allowed_packet, 16 MB by
 * default): uploads above {@code secflow.deployment.max-size} are refused with 413 before anything is read.
 * Models and forms are kilobytes.
 */
@Configuration
class DeploymentSizeLimit {

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> deploymentSizeLimitFilter(
            @Value("${secflow.deployment.max-size:10MB}") DataSize limit) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getContentLengthLong() > limit.toBytes()) {
                    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                    response.setContentType("application/json;charset=UTF-8");
                    response.getOutputStream().write(("{\"type\":\"PayloadTooLarge\",\"message\":\"部署文件过大，不得超过 "
                            + limit.toMegabytes() + " MB\"}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/engine-rest/deployment/create", "/camunda/api/engine/engine/default/deployment/create");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
