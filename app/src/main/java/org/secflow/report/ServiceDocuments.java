package org.secflow.report;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.secflow.ledger.LedgerLine;
import org.secflow.ledger.LedgerService;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.springframework.stereotype.Service;

/**
 * The record step shared by the service items (记录服务过程和结果，提供…报告/台账更新记录): keeps the
 * ledger changes entered and renders the item's document from everything the service recorded.
 */
@Service
public class ServiceDocuments {

    private final DocumentService documents;
    private final ServiceRecord serviceRecord;
    private final LedgerService ledger;

    ServiceDocuments(DocumentService documents, ServiceRecord serviceRecord, LedgerService ledger) {
        this.documents = documents;
        this.serviceRecord = serviceRecord;
        this.ledger = ledger;
    }

    /** Runs inside the shared record step; the document belongs to the service process that called it. */
    public void renderForRecordStep(DelegateExecution execution) {
        String kind = (String) execution.getVariable("documentKind");
        if (kind == null || kind.isBlank()) {
            throw new IllegalStateException("the record step needs documentKind from the calling model");
        }
        ExecutionEntity service = serviceProcess((ExecutionEntity) execution);
        ExecutionEntity caller = ((ExecutionEntity) execution).getProcessInstance().getSuperExecution();
        String clause = caller == null ? Clauses.of(execution.getBpmnModelElementInstance())
                : Clauses.of(caller.getBpmnModelElementInstance());
        String itemName = service.getProcessDefinition().getName();
        String actor = serviceRecord.currentActor(null);

        ledger.record(service.getId(), service.getProcessDefinition().getKey(), clause,
                (String) execution.getVariable("ledgerChanges"), actor);

        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("documentKind", kind);
        model.put("itemName", itemName);
        model.put("clause", clause);
        model.put("actions", serviceRecord.actionsOf(service.getId()));
        model.put("ledgerLines", ledger.linesOf(service.getId()));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        ServiceDocument document = documents.renderAndStore(service.getId(), kind, kind + "：" + itemName,
                template(execution, "service-record"), model, actor);
        serviceRecord.recordStep(execution, Map.of("document", kind, "version", document.version(),
                "ledgerLines", ledger.linesOf(service.getId()).stream().map(LedgerLine::asset).toList()));
    }

    /**
     * A service task of an item that provides one of the documents its clause names on its own (e.g. 7.2.2.5's
     * 访问控制审计报告 and 合规性评估报告): input parameters {@code documentKind} and {@code documentTemplate}
     * (a file under {@code templates/reports/}); the clause is the task's own. The document is rendered from the
     * process's variables and service record so far and listed under the service process's documents.
     */
    public void renderForStep(DelegateExecution execution) {
        String kind = (String) execution.getVariableLocal("documentKind");
        String template = (String) execution.getVariableLocal("documentTemplate");
        if (kind == null || kind.isBlank() || template == null || template.isBlank()) {
            throw new IllegalStateException("a document step needs the input parameters documentKind and documentTemplate");
        }
        ExecutionEntity service = serviceProcess((ExecutionEntity) execution);
        String itemName = service.getProcessDefinition().getName();
        String actor = serviceRecord.currentActor(null);
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.put("documentKind", kind);
        model.put("itemName", itemName);
        model.put("clause", Clauses.of(execution.getBpmnModelElementInstance()));
        model.put("actions", serviceRecord.actionsOf(service.getId()));
        model.put("ledgerLines", ledger.linesOf(service.getId()));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        ServiceDocument document = documents.renderAndStore(service.getId(), kind, kind + "：" + itemName, template,
                model, actor);
        serviceRecord.recordStep(execution, Map.of("document", kind, "version", document.version()));
    }

    // the calling model may name its own template for the record step's document (default: the service record)
    private static String template(DelegateExecution execution, String fallback) {
        Object template = execution.getVariable("documentTemplate");
        return template instanceof String name && !name.isBlank() ? name : fallback;
    }

    /** The top service process: the record step may be called from a call activity of a call activity. */
    private static ExecutionEntity serviceProcess(ExecutionEntity execution) {
        ExecutionEntity instance = execution.getProcessInstance();
        while (instance.getSuperExecution() != null) {
            instance = instance.getSuperExecution().getProcessInstance();
        }
        return instance;
    }

}
