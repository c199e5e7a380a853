package org.secflow.ledger;

import java.time.LocalDateTime;

/**
 * One line of the asset ledger's update record (资产信息台账更新记录). A process's record step writes
 * lines with its process and clause; a change over the API has no process but names the changed field
 * with its value before and after. {@code assetId} links the line to the ledger's asset when known.
 */
public record LedgerLine(
        String rootProcessInstanceId,
        String processDefinitionKey,
        String clause,
        String asset,
        String changeDescription,
        String recordedBy,
        LocalDateTime recordedAt,
        Long assetId,
        String field,
        String valueBefore,
        String valueAfter) {

    public LedgerLine(String rootProcessInstanceId, String processDefinitionKey, String clause, String asset,
                      String changeDescription, String recordedBy, LocalDateTime recordedAt) {
        this(rootProcessInstanceId, processDefinitionKey, clause, asset, changeDescription, recordedBy, recordedAt,
                null, null, null, null);
    }
}
