package org.secflow.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Security events (GB/T 22239—2019 8.1.4.3: logins, lockouts, password and second-factor changes, refused
 * requests …) appended to the same tamper-evident trail as the engine's history. Each entry has the time
 * ({@code occurred_at}), the user ({@code actor}) and event type ({@code security.<event>}) of every entry, and in
 * its content the outcome and the source address of the HTTP request it happened in.
 */
@Component
public class SecurityAudit {

    /** Prefix of the event types of these entries in {@code audit_entry.event_type}. */
    public static final String PREFIX = "security.";

    private final AuditChain chain;
    private final TransactionTemplate newTransaction;

    SecurityAudit(AuditChain chain, PlatformTransactionManager transactions) {
        this.chain = chain;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Appends one event: in the current transaction when there is one (it is kept only if that commits, as the
     * change it records), else in a transaction of its own.
     *
     * @param event   e.g. {@code login.failure}, {@code account.locked}
     * @param user    the account the event is about, as given (it may not exist)
     * @param success the outcome
     * @param details more facts (no secrets: never a password, code or token); a {@code sourceAddress} here wins
     *                over the current request's (for calls after the request's context ended)
     */
    public void record(String event, String user, boolean success, Map<String, ?> details) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("event", event);
        content.put("user", user);
        content.put("outcome", success ? "success" : "failure");
        content.put("sourceAddress", sourceAddress());
        content.putAll(details);
        String actor = user == null || user.length() <= 64 ? user : user.substring(0, 64);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            chain.append(PREFIX + event, null, actor, content);
        } else {
            newTransaction.executeWithoutResult(status -> chain.append(PREFIX + event, null, actor, content));
        }
    }

    /** The client address of the HTTP request this thread serves (behind a proxy: as forwarded), else null. */
    public static String sourceAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
