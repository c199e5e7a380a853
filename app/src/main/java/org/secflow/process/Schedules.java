package org.secflow.process;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The recurring duties' schedules, read by timer start events as {@code ${schedules.xxx}} so that
 * administrators change them in application properties, not in the models.
 */
@Component("schedules")
public class Schedules {

    private final String emergencyPlanReview;

    public Schedules(@Value("${secflow.schedule.emergency-plan-review}") String emergencyPlanReview) {
        this.emergencyPlanReview = emergencyPlanReview;
    }

    /** 7.5.1.3: the emergency plans are reviewed every year. */
    public String getEmergencyPlanReview() {
        return emergencyPlanReview;
    }
}
