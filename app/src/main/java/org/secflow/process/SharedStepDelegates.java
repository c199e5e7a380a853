package org.secflow.process;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.secflow.report.ServiceDocuments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the shared call activities in processes/shared/, and the document step any item may use. */
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

    /** A document an item provides at a step of its own (input parameters documentKind, documentTemplate). */
    @Bean
    JavaDelegate renderDocumentDelegate(ServiceDocuments serviceDocuments) {
        return serviceDocuments::renderForStep;
    }
}
