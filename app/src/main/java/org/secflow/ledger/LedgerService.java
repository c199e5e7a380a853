package org.secflow.ledger;

import java.util.ArrayList;
import java.util.List;
import org.secflow.process.EngineTime;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;
import org.springframework.stereotype.Service;

/** The asset ledger's update record, written by the record step of every service item. */
@Service
public class LedgerService {

    private final LedgerLineMapper mapper;

    LedgerService(LedgerLineMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Keeps the changes entered as lines {@code 资产|变更内容}; a line without both parts is refused
     * with its number, so that nothing is half-recorded.
     */
    public List<LedgerLine> record(String rootProcessInstanceId, String processDefinitionKey, String clause,
                                   String changes, String recordedBy) {
        List<LedgerLine> lines = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        int number = 0;
        for (String text : changes == null ? List.<String>of() : changes.lines().toList()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            String[] parts = text.split("[|｜]", 2);
            if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
                errors.add(new FieldError("ledgerChanges", "第 " + number + " 行应为「资产|变更内容」：" + text.strip()));
                continue;
            }
            lines.add(new LedgerLine(rootProcessInstanceId, processDefinitionKey, clause, parts[0].strip(),
                    parts[1].strip(), recordedBy, EngineTime.now()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("资产信息台账更新格式不正确", errors);
        }
        lines.forEach(mapper::insert);
        return lines;
    }

    public List<LedgerLine> linesOf(String rootProcessInstanceId) {
        return mapper.findByProcess(rootProcessInstanceId);
    }
}
