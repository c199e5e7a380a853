package org.secflow.process;

import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Reads the clause numbers a model element carries (extension property {@code clause}). */
public final class Clauses {

    public static final String PROPERTY = "clause";

    private Clauses() {
    }

    /** The comma-separated clause list of the element, or null when it carries none. */
    public static String of(BaseElement element) {
        if (element == null) {
            return null;
        }
        ExtensionElements extensions = element.getExtensionElements();
        if (extensions == null) {
            return null;
        }
        for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (PROPERTY.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }
}
