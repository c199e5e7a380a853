package org.secflow.process;

import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Whether the caller may read a service process's records: exactly when the engine lets them read
 * its history (READ_HISTORY on the definition). Camunda's authorizations decide, not a check of ours.
 */
@Component
public class ProcessVisibility {

    private static final String ALL = "*";

    private final HistoryService historyService;
    private final AuthorizationService authorizationService;
    private final IdentityService identityService;

    public ProcessVisibility(HistoryService historyService, AuthorizationService authorizationService,
                             IdentityService identityService) {
        this.historyService = historyService;
        this.authorizationService = authorizationService;
        this.identityService = identityService;
    }

    /**
     * Whether the caller may read the history of a process definition's instances (READ_HISTORY on it or on
     * all): for records of our own tables that belong to that process, such as the incidents of emergency response.
     */
    public boolean mayReadHistoryOf(String processDefinitionKey) {
        Authentication user = identityService.getCurrentAuthentication();
        return user != null && authorizationService.isUserAuthorized(user.getUserId(), user.getGroupIds(),
                ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, processDefinitionKey);
    }

    /**
     * Runs history reads for a caller who may read the history of every process (READ_HISTORY on all process
     * definitions) without Camunda's per-row authorization join: the same rows, as authorizations are grants only
     * and nothing can narrow a grant on all, but queries the database can answer from their indexes. Anyone else
     * reads under their authorizations as always.
     */
    public <T> T readingAllHistoryIfGranted(Supplier<T> reads) {
        Authentication user = identityService.getCurrentAuthentication();
        if (user == null || user.getUserId() == null || !authorizationService.isUserAuthorized(user.getUserId(),
                user.getGroupIds(), ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION, ALL)) {
            return reads.get();
        }
        return asPlatform(reads);
    }

    /**
     * Runs reads as the platform (no person logged in, so Camunda checks no authorizations), then restores the
     * caller: for what the whole history decides, whoever asks.
     */
    public <T> T asPlatform(Supplier<T> reads) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return reads.get();
        } finally {
            identityService.setAuthentication(caller);
        }
    }

    public void requireReadable(String processInstanceId, String notFoundMessage) {
        boolean readable = processInstanceId != null && historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).count() > 0;
        if (!readable) {
            throw new NotFoundException(notFoundMessage);
        }
    }
}
