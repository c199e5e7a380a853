package org.secflow.process;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.secflow.report.ServiceDocuments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the shared call activities in processes/shared/. */
@Configuration
class SharedStepDelegates {

    @Bean
    JavaDelegate recordAuthorizationDelegate(ServiceRecord serviceRecord) {
        return serviceRecord::recordAuthorization;
    }

    @Bean
    JavaDelegate renderServiceDocumentDelegate(ServiceDocuments serviceDocuments) {
        return serviceDocuments::renderForRecordStep;
    }
}
