package org.secflow.emergencyplan;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service tasks of the emergency plan model (processes/7.5.1-emergency-plan.bpmn). */
@Configuration
class EmergencyPlanDelegates {

    @Bean
    JavaDelegate savePlanDraftDelegate(EmergencyPlanService plans) {
        return plans::saveDraft;
    }

    @Bean
    JavaDelegate publishPlanDelegate(EmergencyPlanService plans) {
        return plans::publish;
    }
}
