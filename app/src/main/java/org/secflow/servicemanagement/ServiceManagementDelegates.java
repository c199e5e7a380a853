package org.secflow.servicemanagement;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the models of 5.1.2 e (processes/5.1.2e-*.bpmn). */
@Configuration
class ServiceManagementDelegates {

    @Bean
    JavaDelegate phishingResultsDelegate(PhishingExercise phishing) {
        return phishing::saveResults;
    }

    @Bean
    JavaDelegate protectionPeriodDelegate(ProtectionPeriod protection) {
        return protection::schedule;
    }

    @Bean
    JavaDelegate protectionRosterDelegate(ProtectionPeriod protection) {
        return protection::saveRoster;
    }

    @Bean
    JavaDelegate protectionDailyReportDelegate(ProtectionPeriod protection) {
        return protection::saveDailyReport;
    }

    @Bean
    JavaDelegate protectionClosingReportDelegate(ProtectionPeriod protection) {
        return protection::renderClosingReport;
    }

    @Bean
    JavaDelegate launchDecisionDelegate(LaunchCheck launch) {
        return launch::recordDecision;
    }
}
