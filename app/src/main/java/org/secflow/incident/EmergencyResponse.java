package org.secflow.incident;

/** Names of the emergency response model (processes/7.5.1-emergency-response.bpmn) used in Java. */
public final class EmergencyResponse {

    public static final String PROCESS_KEY = "emergencyResponse";

    /** Process variables. */
    public static final class Vars {
        public static final String INCIDENT_ID = "incidentId";
        public static final String TITLE = "title";
        public static final String DESCRIPTION = "description";
        public static final String CATEGORY = "category";
        public static final String SUBCATEGORY = "subcategory";
        public static final String OBJECT_IMPORTANCE = "objectImportance";
        public static final String SYSTEM_LOSS = "systemLoss";
        public static final String SOCIAL_IMPACT = "socialImpact";
        public static final String REPORTER_TYPE = "reporterType";
        public static final String AFFECTED_ASSETS = "affectedAssets";
        public static final String CHANNEL = "channel";
        public static final String MEASURES_TAKEN = "measuresTaken";
        public static final String REPORTED_BY = "reportedBy";
        public static final String GRADE = "grade";
        public static final String GRADE_NAME = "gradeName";
        public static final String MUST_REPORT = "mustReport";
        public static final String FIRST_REPORT_DUE = "firstReportDue";
        public static final String RESPOND_DUE = "respondDue";
        public static final String ON_SITE_DUE = "onSiteDue";
        public static final String RESOLVE_DUE = "resolveDue";
        public static final String REPORT_DUE = "reportDue";
        public static final String REGRADE = "regrade";
        public static final String REGRADE_REASON = "regradeReason";
        public static final String IMPROVEMENT_PROPOSAL = "improvementProposal";

        private Vars() {
        }
    }

    /** The message that asks the emergency plan process for a revision (7.5.1.11). */
    public static final String MESSAGE_PLAN_REVISION = "emergencyPlan.revisionRequested";

    /** Kind of the document rendered at 7.5.1.10. */
    public static final String REPORT_KIND = "应急响应报告";

    private EmergencyResponse() {
    }
}
