package org.secflow.ledger;

import java.time.LocalDateTime;

/** One line of the asset ledger's update record (资产信息台账更新记录). */
public record LedgerLine(
        String rootProcessInstanceId,
        String processDefinitionKey,
        String clause,
        String asset,
        String changeDescription,
        String recordedBy,
        LocalDateTime recordedAt) {
}
