package org.secflow.studio;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.secflow.process.Clauses;

/**
 * What changed between two versions of a model (or a draft and its base), element by element: added, removed,
 * changed (with each property that differs: name, group, form, clause, called step, delegate, condition, flow ends)
 * or only moved on the diagram. The studio marks them on the diagram and lists them.
 */
final class ModelDiff {

    enum Change { ADDED, REMOVED, CHANGED, LAYOUT }

    record PropertyChange(String property, String before, String after) {
    }

    record ElementChange(String id, String type, String name, String clause, Change change,
                         List<PropertyChange> properties) {
    }

    /** Attributes that make an element behave differently, by their name in the XML. */
    private static final List<String> ATTRIBUTES = List.of("name", "candidateGroups", "candidateUsers", "assignee",
            "formRef", "formRefBinding", "formKey", "dueDate", "calledElement", "delegateExpression", "expression",
            "class", "sourceRef", "targetRef", "default", "attachedToRef", "cancelActivity", "initiator");

    private ModelDiff() {
    }

    static List<ElementChange> between(String beforeXml, String afterXml) {
        BpmnModelInstance before = read(beforeXml);
        BpmnModelInstance after = read(afterXml);
        Map<String, FlowElement> old = elements(before);
        Map<String, FlowElement> now = elements(after);
        List<ElementChange> changes = new ArrayList<>();
        now.forEach((id, element) -> {
            FlowElement previous = old.get(id);
            if (previous == null) {
                changes.add(change(element, Change.ADDED, List.of()));
                return;
            }
            List<PropertyChange> properties = properties(previous, element);
            if (!properties.isEmpty()) {
                changes.add(change(element, Change.CHANGED, properties));
            } else if (!Objects.equals(bounds(before, id), bounds(after, id))) {
                changes.add(change(element, Change.LAYOUT, List.of()));
            }
        });
        old.forEach((id, element) -> {
            if (!now.containsKey(id)) {
                changes.add(change(element, Change.REMOVED, List.of()));
            }
        });
        return changes;
    }

    private static List<PropertyChange> properties(FlowElement before, FlowElement after) {
        List<PropertyChange> changes = new ArrayList<>();
        if (!before.getElementType().getTypeName().equals(after.getElementType().getTypeName())) {
            changes.add(new PropertyChange("type", before.getElementType().getTypeName(),
                    after.getElementType().getTypeName()));
        }
        for (String attribute : ATTRIBUTES) {
            String was = attribute(before, attribute);
            String is = attribute(after, attribute);
            if (!Objects.equals(was, is)) {
                changes.add(new PropertyChange(attribute, was, is));
            }
        }
        if (!Objects.equals(Clauses.of(before), Clauses.of(after))) {
            changes.add(new PropertyChange("clause", Clauses.of(before), Clauses.of(after)));
        }
        if (before instanceof SequenceFlow was && after instanceof SequenceFlow is) {
            String oldCondition = was.getConditionExpression() == null ? null : was.getConditionExpression().getTextContent();
            String newCondition = is.getConditionExpression() == null ? null : is.getConditionExpression().getTextContent();
            if (!Objects.equals(oldCondition, newCondition)) {
                changes.add(new PropertyChange("condition", oldCondition, newCondition));
            }
        }
        String oldExtensions = before.getExtensionElements() == null ? null : text(before.getExtensionElements());
        String newExtensions = after.getExtensionElements() == null ? null : text(after.getExtensionElements());
        if (!Objects.equals(oldExtensions, newExtensions) && Objects.equals(Clauses.of(before), Clauses.of(after))) {
            changes.add(new PropertyChange("extensionElements", "…", "…（监听器、输入输出或属性已改）"));
        }
        return changes;
    }

    private static String attribute(ModelElementInstance element, String name) {
        String plain = element.getAttributeValue(name);
        return plain != null ? plain : element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", name);
    }

    private static String text(ModelElementInstance element) {
        return element.getDomElement().getChildElements().stream()
                .map(child -> child.getLocalName() + child.getTextContent()).reduce("", String::concat)
                + element.getDomElement().getChildElements().size();
    }

    private static ElementChange change(FlowElement element, Change change, List<PropertyChange> properties) {
        return new ElementChange(element.getId(), element.getElementType().getTypeName(), element.getName(),
                Clauses.of(element), change, properties);
    }

    private static Map<String, FlowElement> elements(BpmnModelInstance model) {
        Map<String, FlowElement> elements = new LinkedHashMap<>();
        model.getModelElementsByType(FlowElement.class).forEach(element -> elements.put(element.getId(), element));
        return elements;
    }

    private static String bounds(BpmnModelInstance model, String id) {
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            if (shape.getBpmnElement() != null && id.equals(shape.getBpmnElement().getId())) {
                Bounds b = shape.getBounds();
                return b.getX() + "," + b.getY() + "," + b.getWidth() + "," + b.getHeight();
            }
        }
        return null;
    }

    private static BpmnModelInstance read(String xml) {
        try {
            return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException unreadable) {
            throw new org.secflow.web.InvalidInputException("bpmnXml", "不是有效的 BPMN XML");
        }
    }
}
