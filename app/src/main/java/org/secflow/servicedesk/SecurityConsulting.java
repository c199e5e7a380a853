package org.secflow.servicedesk;

import java.util.Map;

/** The security consulting process (7.3.1) as a ticket starts it: its key and the start variables. */
final class SecurityConsulting {

    static final String PROCESS_KEY = "securityConsulting";

    static final String TICKET_ID = "ticketId";
    static final String CHANNEL = "channel";
    static final String REQUESTING_UNIT = "requestingUnit";
    static final String CONTACT_PERSON = "contactPerson";
    static final String CONTACT_INFO = "contactInfo";
    static final String SUMMARY = "consultationSummary";

    /** Ticket channel → the intake form's channel (咨询电话, 网络, 安全运营平台, 其他). */
    static final Map<String, String> CHANNELS = Map.of(
            "热线", "咨询电话",
            "站内消息", "安全运营平台",
            "即时通讯", "网络",
            "平台", "安全运营平台");

    private SecurityConsulting() {
    }
}
