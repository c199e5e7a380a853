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

    /** The steps that move the ticket: the desk records (accepts) it, the desk or an expert answers, the record closes. */
    static final String TASK_RECORD = "userTask_recordConsultation";
    static final String TASK_KNOWLEDGE_BASE = "userTask_consultKnowledgeBase";
    static final String TASK_EXPERT_REPLY = "userTask_expertReply";
    static final String SOLVED_BY_DESK = "solvedByDesk";
    static final String DESK_REPLY = "deskReply";
    static final String EXPERT_REPLY = "expertReply";

    /** Ticket channel → the intake form's channel (咨询电话, 网络, 安全运营平台, 其他). */
    static final Map<String, String> CHANNELS = Map.of(
            "热线", "咨询电话",
            "站内消息", "安全运营平台",
            "即时通讯", "网络",
            "平台", "安全运营平台");

    private SecurityConsulting() {
    }
}
