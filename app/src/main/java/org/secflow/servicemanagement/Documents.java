package org.secflow.servicemanagement;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.secflow.process.Clauses;
import org.secflow.process.EngineTime;
import org.secflow.process.ServiceRecord;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.springframework.stereotype.Component;

/** Renders a document of these processes from their variables, their records and the service record, and keeps it. */
@Component
class Documents {

    private final DocumentService documents;
    private final ServiceRecord serviceRecord;

    Documents(DocumentService documents, ServiceRecord serviceRecord) {
        this.documents = documents;
        this.serviceRecord = serviceRecord;
    }

    ServiceDocument render(DelegateExecution execution, String kind, String template, Map<String, Object> records) {
        String processInstanceId = execution.getProcessInstanceId();
        Map<String, Object> model = new HashMap<>(execution.getVariables());
        model.putAll(records);
        model.put("documentKind", kind);
        model.put("itemName", execution.getProcessEngineServices().getRepositoryService()
                .getProcessDefinition(execution.getProcessDefinitionId()).getName());
        model.put("clause", Clauses.of(execution.getBpmnModelElementInstance()));
        model.put("actions", serviceRecord.actionsOf(processInstanceId));
        model.put("generatedAt", EngineTime.forDisplay(EngineTime.now()));
        return documents.renderAndStore(processInstanceId, kind, kind + "：" + model.get("itemName"), template, model,
                serviceRecord.currentActor(null));
    }
}
