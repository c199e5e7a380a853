package org.secflow.compliance;

/**
 * One thing wrong with a model, tied to the element it is about so that an editor can mark it:
 * the resource (file or process key), the element id (the process itself for model-wide problems),
 * the element's clause if it carries one, and what is wrong, in Chinese.
 */
public record ModelProblem(String resource, String elementId, String clause, String message) {

    /** As the deployment's refusal lists it: {@code 7.2.1.bpmn userTask_x（条款 7.2.1.4）：…}. */
    public String describe() {
        if (elementId == null) {
            return resource == null ? message : resource + "：" + message;
        }
        return (resource == null ? "" : resource + " ") + elementId
                + (clause == null ? "" : "（条款 " + clause + "）") + "：" + message;
    }
}
