package org.secflow.incident;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of the emergency response model, by the bean names the model calls
 * ({@code camunda:delegateExpression="${registerIncidentDelegate}"}). Each hands the execution to
 * one use case of {@link IncidentService}.
 */
@Configuration
class EmergencyResponseDelegates {

    @Bean
    JavaDelegate registerIncidentDelegate(IncidentService incidents) {
        return incidents::register;
    }

    @Bean
    JavaDelegate gradeIncidentDelegate(IncidentService incidents) {
        return incidents::grade;
    }

    @Bean
    JavaDelegate regradeIncidentDelegate(IncidentService incidents) {
        return incidents::regrade;
    }

    @Bean
    JavaDelegate renderIncidentReportDelegate(IncidentService incidents) {
        return incidents::renderReport;
    }

    @Bean
    JavaDelegate requestPlanRevisionDelegate(IncidentService incidents) {
        return incidents::requestPlanRevision;
    }

    @Bean
    JavaDelegate closeIncidentDelegate(IncidentService incidents) {
        return incidents::close;
    }
}
