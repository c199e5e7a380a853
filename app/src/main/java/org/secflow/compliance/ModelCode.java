package org.secflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Editing a model must not become running code, whoever deploys it (studio, Modeler, REST): a model
 * may call our own Spring beans and read and write its variables, nothing else. Refused are script
 * tasks and scripts anywhere, Java class delegates, connectors, delegate expressions that are not one
 * of our beans, and expressions reaching past the variables: another bean (the data source, the engine's
 * services), the engine through {@code execution}, or reflection. Every expression of the XML is read,
 * wherever it stands (listeners, conditions, input/output, timers, fields), so nothing hides in a corner.
 */
final class ModelCode {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    /** A name not preceded by a dot (the root of a member chain) and what follows it. */
    private static final Pattern ROOT = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)\\s*(\\.\\s*(\\w+))?");
    private static final Pattern BEAN_ONLY = Pattern.compile("\\$\\{\\s*([A-Za-z_]\\w*)\\s*}");
    private static final Set<String> REFLECTION = Set.of("getClass", "class", "forName", "classLoader",
            "getClassLoader", "newInstance", "invoke", "getMethod", "getDeclaredMethod", "Runtime", "ProcessBuilder",
            "exec", "T");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq",
            "ne", "lt", "gt", "le", "ge", "div", "mod", "instanceof", "dateTime");
    /** What a model may ask of the execution or task it runs in: its variables and its identity. */
    private static final Set<String> EXECUTION_MEMBERS = Set.of("getVariable", "setVariable", "getVariableLocal",
            "setVariableLocal", "hasVariable", "removeVariable", "processInstanceId", "getProcessInstanceId",
            "processBusinessKey", "getProcessBusinessKey", "setProcessBusinessKey", "id", "getId", "activityId",
            "currentActivityId", "getCurrentActivityId", "eventName", "getEventName", "name", "getName",
            "assignee", "getAssignee", "dueDate", "getDueDate", "taskDefinitionKey", "getTaskDefinitionKey");

    private ModelCode() {
    }

    /**
     * @param isOurBean whether a name is a Spring bean of this product (may be called)
     * @param isAnyBean whether a name is any Spring bean (others may not be reached)
     */
    static List<ModelProblem> problems(String resource, byte[] bpmn, Predicate<String> isOurBean,
                                       Predicate<String> isAnyBean) {
        List<ModelProblem> problems = new ArrayList<>();
        walk(read(bpmn).getDocumentElement(), null, resource, isOurBean, isAnyBean, problems);
        return problems;
    }

    private static void walk(Element element, String owner, String resource, Predicate<String> isOurBean,
                             Predicate<String> isAnyBean, List<ModelProblem> problems) {
        String id = element.getAttribute("id");
        String where = id.isEmpty() || !isFlowElementOrProcess(element) ? owner : id;
        String local = element.getLocalName();
        if ("scriptTask".equals(local)) {
            problems.add(new ModelProblem(resource, where, null, "不允许脚本任务（模型不能成为可执行代码）"));
        }
        if (CAMUNDA.equals(element.getNamespaceURI()) && ("script".equals(local) || "connector".equals(local))) {
            problems.add(new ModelProblem(resource, where, null,
                    "不允许 camunda:" + local + "（模型只能调用本系统的 Bean）"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if (CAMUNDA.equals(attribute.getNamespaceURI()) && "class".equals(name)) {
                problems.add(new ModelProblem(resource, where, null,
                        "不允许 camunda:class=\"" + attribute.getValue() + "\"（Java 类委托），请改用本系统 Bean 的 delegateExpression"));
            } else if (CAMUNDA.equals(attribute.getNamespaceURI()) && "delegateExpression".equals(name)) {
                Matcher bean = BEAN_ONLY.matcher(attribute.getValue());
                if (!bean.matches() || !isOurBean.test(bean.group(1))) {
                    problems.add(new ModelProblem(resource, where, null, "delegateExpression \"" + attribute.getValue()
                            + "\" 不是本系统已有的 Bean"));
                }
            } else {
                expressions(attribute.getValue(), resource, where, isOurBean, isAnyBean, problems);
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child instanceof Element childElement) {
                walk(childElement, where, resource, isOurBean, isAnyBean, problems);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                expressions(child.getNodeValue(), resource, where, isOurBean, isAnyBean, problems);
            }
        }
    }

    private static void expressions(String text, String resource, String where, Predicate<String> isOurBean,
                                    Predicate<String> isAnyBean, List<ModelProblem> problems) {
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            String reason = refusal(QUOTED.matcher(expression.group(1)).replaceAll("''"), isOurBean, isAnyBean);
            if (reason != null) {
                problems.add(new ModelProblem(resource, where, null, "表达式 " + expression.group() + " " + reason));
            }
        }
    }

    /** Why an expression (string literals blanked) may not run, or null. */
    static String refusal(String expression, Predicate<String> isOurBean, Predicate<String> isAnyBean) {
        for (String word : expression.split("[^\\w]+")) {
            if (REFLECTION.contains(word)) {
                return "使用了反射或系统调用（" + word + "）";
            }
        }
        Matcher root = ROOT.matcher(expression);
        while (root.find()) {
            String name = root.group(1);
            String member = root.group(3);
            if (KEYWORDS.contains(name) || Character.isDigit(name.charAt(0))) {
                continue;
            }
            if (("execution".equals(name) || "task".equals(name))) {
                if (member != null && !EXECUTION_MEMBERS.contains(member)) {
                    return "通过 " + name + "." + member + " 访问了引擎内部（只允许读写流程变量）";
                }
            } else if (isAnyBean.test(name) && !isOurBean.test(name)) {
                return "调用了非本系统的 Bean " + name;
            }
        }
        return null;
    }

    private static boolean isFlowElementOrProcess(Element element) {
        String local = element.getLocalName();
        return !"definitions".equals(local) && !local.startsWith("BPMN") && !"Bounds".equals(local)
                && !"waypoint".equals(local) && !CAMUNDA.equals(element.getNamespaceURI())
                && !local.endsWith("EventDefinition");
    }

    private static Document read(byte[] bpmn) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bpmn));
        } catch (Exception e) {
            throw new org.camunda.bpm.engine.BadUserRequestException("模型不是可读的 BPMN XML：" + e.getMessage());
        }
    }
}
