package org.secflow.process;

import org.camunda.bpm.engine.HistoryService;
import org.secflow.web.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Whether the caller may read a service process's records: exactly when the engine lets them read
 * its history (READ_HISTORY on the definition). Camunda's authorizations decide, not a check of ours.
 */
@Component
public class ProcessVisibility {

    private final HistoryService historyService;

    public ProcessVisibility(HistoryService historyService) {
        this.historyService = historyService;
    }

    public void requireReadable(String processInstanceId, String notFoundMessage) {
        boolean readable = processInstanceId != null && historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).count() > 0;
        if (!readable) {
            throw new NotFoundException(notFoundMessage);
        }
    }
}
