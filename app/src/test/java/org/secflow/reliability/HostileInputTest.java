package org.secflow.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IncidentBodies;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile callers against every endpoint of our API (found at test time, so endpoints added later are
 * covered too) and against the deployment endpoint: malformed, oversized and wrong-typed bodies, query
 * values and uploads, hostile path values. Never a 5xx, never a stack trace or class name in the answer,
 * and a refused request writes nothing (row counts of our tables and of the engine's running instances).
 */
@IntegrationTest
class HostileInputTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "at java.", "org.springframework",
            "org.apache", "org.camunda", "org.secflow", "java.lang", "SQLState", "### Error", "Caused by");
    // Camunda's answers name the exception type in "type" ({type, message, code}, documented); no traces
    private static final List<String> ENGINE_LEAKS = LEAKS.subList(1, LEAKS.size());

    @LocalServerPort int port;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Value("${secflow.admin-password}") String adminPassword;
    @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize;

    private final List<String> problems = new ArrayList<>();
    private int requests;
    private List<String> tables;

    @BeforeEach
    void setUp() throws Exception {
        Staff.ensure(identityService);
        tables = ownTables();
    }

    @Test
    void everyApiEndpointSurvivesHostileInput() {
        // something real to point at: existing ids of our tables and a running process instance
        HttpResponse<String> intake = new Http(port).postJson("operator", "/api/incidents", Http.toJson(IncidentBodies.defacedPortal()));
        assertThat(intake.statusCode()).isEqualTo(201);
        String processInstanceId = Http.json(intake).get("processInstanceId").asText();
        List<String> pathValues = new ArrayList<>(existingIds());
        pathValues.add(processInstanceId);
        pathValues.addAll(List.of("0", "-1", "987654321987", "99999999999999999999999", "abc", "1.5", "%27%20OR%201%3D1--",
                "..%2F..%2Fetc%2Fpasswd", "%00", "%E4%BA%8B%E4%BB%B6", "x".repeat(3000), "%3Cscript%3E"));

        List<Endpoint> endpoints = apiEndpoints();
        assertThat(endpoints).as("endpoints under /api").isNotEmpty();
        for (Endpoint endpoint : endpoints) {
            for (String value : endpoint.pattern.contains("{") ? pathValues : pathValues.subList(0, 1)) {
                String path = endpoint.path(value);
                if (endpoint.method == RequestMethod.GET || endpoint.method == RequestMethod.DELETE) {
                    send(endpoint, path, null, null);
                } else {
                    send(endpoint, path, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                }
            }
            String path = endpoint.path(pathValues.get(0));
            send(endpoint, path + "?" + hostileQuery(endpoint), null, null);
            if (endpoint.takesBody()) {
                for (Map.Entry<String, byte[]> body : jsonBodies().entrySet()) {
                    send(endpoint, path, "application/json", body.getValue());
                }
                send(endpoint, path, "text/plain", "title=a".getBytes(StandardCharsets.UTF_8));
                send(endpoint, path, "application/xml", "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>".getBytes(StandardCharsets.UTF_8));
                send(endpoint, path, "application/x-www-form-urlencoded", "title=%ZZ&&=".getBytes(StandardCharsets.UTF_8));
                for (Map.Entry<String, byte[]> upload : uploads(endpoint.fileParts()).entrySet()) {
                    send(endpoint, path, upload.getKey(), upload.getValue());
                }
            }
        }
        System.out.printf("hostile input: %d requests against %d endpoints%n", requests, endpoints.size());
        assertThat(problems).as("problems in %d requests", requests).isEmpty();
    }

    @Test
    void deploymentEndpointSurvivesHostileUploads() {
        Endpoint deployment = new Endpoint(RequestMethod.POST, "/engine-rest/deployment/create", List.of("data"), true);
        String boundary = "----secflowHostile";
        Map<String, byte[]> bodies = new LinkedHashMap<>(uploads(List.of("data")));
        bodies.put(multipartType(boundary), multipart(boundary, Map.of("deployment-name", "坏模型"),
                "model.bpmn", "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"x\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/>"
                        .getBytes(StandardCharsets.UTF_8)));
        bodies.put(multipartType(boundary) + ";xxe", multipart(boundary, Map.of("deployment-name", "外部实体"), "xxe.bpmn",
                ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
                        + "<bpmn:process id=\"xxe\" name=\"&x;\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/></bpmn:process>"
                        + "</bpmn:definitions>").getBytes(StandardCharsets.UTF_8)));
        bodies.put(multipartType(boundary) + ";model", multipart(boundary, Map.of("deployment-name", "违反约定"), "bad.bpmn",
                ("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\">"
                        + "<bpmn:process id=\"hostileNoConventions\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/>"
                        + "<bpmn:userTask id=\"t\"/></bpmn:process></bpmn:definitions>").getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
            send(deployment, deployment.pattern, body.getKey().replaceAll(";(xxe|model)$", ""), body.getValue());
        }
        for (byte[] json : jsonBodies().values()) {
            send(deployment, deployment.pattern, "application/json", json);
        }
        System.out.printf("hostile deployments: %d requests%n", requests);
        assertThat(problems).as("problems in %d requests", requests).isEmpty();
    }

    // ---- requests -------------------------------------------------------------------------------------

    private void send(Endpoint endpoint, String path, String contentType, byte[] body) {
        boolean engine = path.startsWith("/engine-rest");
        String user = engine ? "admin" : "manager";
        String password = engine ? adminPassword : Staff.PASSWORD;
        Map<String, Long> before = endpoint.method == RequestMethod.GET ? null : rowCounts();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(endpoint.method.name(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        requests++;
        String what = endpoint.method + " " + abbreviate(path) + " [" + contentType + ", "
                + (body == null ? 0 : body.length) + " bytes]";
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // an oversized upload may be cut off by the server before the answer is read: refused, not failed
            if (body != null && body.length > maxFileSize.toBytes()) {
                assertUnchanged(before, what);
                return;
            }
            problems.add(what + ": no answer (" + e + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (millis > 2000) {
            System.out.printf("slow: %d ms %s -> %d%n", millis, what, response.statusCode());
        }
        if (response.statusCode() >= 500) {
            problems.add(what + ": " + response.statusCode() + " " + abbreviate(response.body()));
        }
        for (String leak : engine ? ENGINE_LEAKS : LEAKS) {
            if (response.body().contains(leak) && !body(body).contains(leak)) {
                problems.add(what + ": answer shows internals (" + leak + "): " + abbreviate(response.body()));
                break;
            }
        }
        if (response.statusCode() >= 400) {
            assertUnchanged(before, what + " -> " + response.statusCode());
        }
    }

    private void assertUnchanged(Map<String, Long> before, String what) {
        if (before == null) {
            return;
        }
        Map<String, Long> after = rowCounts();
        if (!after.equals(before)) {
            Map<String, String> changed = new TreeMap<>();
            after.forEach((table, count) -> {
                if (!count.equals(before.get(table))) {
                    changed.put(table, before.get(table) + "->" + count);
                }
            });
            problems.add(what + ": refused but wrote rows " + changed);
        }
    }

    private static String body(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + ")" : text;
    }

    // ---- what is sent ---------------------------------------------------------------------------------

    private static Map<String, byte[]> jsonBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String big = "大".repeat(2_000_000);
        for (String json : List.of("", "{", "{\"title\": ", "null", "[]", "\"text\"", "12", "true",
                "{\"title\":{\"$ne\":1},\"id\":\"abc\",\"page\":-1,\"size\":\"x\",\"affectedAssets\":\"not a list\","
                        + "\"grade\":[1,2],\"status\":{},\"dueDate\":\"2026-02-30T25:61:00\",\"severity\":1e999,"
                        + "\"count\":-99999999999999999999,\"enabled\":\"yes\",\"tags\":[null,{}]}",
                "{\"title\":null,\"name\":null,\"description\":null,\"type\":null,\"status\":null}",
                "{\"title\":\"" + big + "\",\"name\":\"" + big.substring(0, 1000) + "\",\"description\":\"<script>alert(1)</script>\"}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"title\":\"\\u0000\\ud800\",\"description\":\"' OR 1=1 --\",\"category\":\"; DROP TABLE incident;\"}")) {
            bodies.put(json.length() > 40 ? json.substring(0, 40) : json, json.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("latin1", "{\"title\":\"\u00e9\u00e8\"}".getBytes(StandardCharsets.ISO_8859_1));
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        bodies.put("binary", binary);
        return bodies;
    }

    /** Broken, empty, wrong-type and oversized uploads, keyed by content type (with a suffix to keep them apart). */
    private Map<String, byte[]> uploads(List<String> parts) {
        String part = parts.isEmpty() ? "file" : parts.get(0);
        String boundary = "----secflowHostile";
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        uploads.put("multipart/form-data", "--nothing\r\nrubbish".getBytes(StandardCharsets.UTF_8));
        uploads.put(multipartType(boundary) + " ", "no parts at all, no closing boundary".getBytes(StandardCharsets.UTF_8));
        uploads.put(multipartType(boundary) + "  ", multipart(boundary, Map.of("note", "没有文件"), null, null));
        byte[] random = new byte[64 * 1024];
        new Random(11).nextBytes(random);
        uploads.put(multipartType(boundary) + "   ", multipart(boundary, Map.of(), part + "|资产.xlsx", random));
        uploads.put(multipartType(boundary) + "    ", multipart(boundary, Map.of(), part + "|empty.csv", new byte[0]));
        uploads.put(multipartType(boundary) + "     ", multipart(boundary, Map.of(), part + "|../../../etc/passwd",
                "名称,地址\n\"未闭合,=cmd|' /C calc'!A0\n,,,,,,,,\n\u0000\u0001".getBytes(StandardCharsets.UTF_8)));
        uploads.put(multipartType(boundary) + "      ", multipart(boundary, Map.of(), part + "|fake.xlsx",
                "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.ISO_8859_1)));
        uploads.put(multipartType(boundary) + "       ", multipart(boundary, Map.of(), part + "|bomb.xml",
                ("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;&d;&d;</l>")
                        .getBytes(StandardCharsets.UTF_8)));
        byte[] oversized = new byte[(int) Math.min(maxFileSize.toBytes() + 512 * 1024, 64L * 1024 * 1024)];
        uploads.put(multipartType(boundary) + "        ", multipart(boundary, Map.of(), part + "|huge.csv", oversized));
        return uploads;
    }

    private static String multipartType(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A well-formed multipart body: text fields, and a file as "part|filename" with its bytes. */
    private static byte[] multipart(String boundary, Map<String, String> fields, String file, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (file != null) {
            String[] nameAndFile = file.contains("|") ? file.split("\\|", 2) : new String[] {"data", file};
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + nameAndFile[0]
                    + "\"; filename=\"" + nameAndFile[1] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String hostileQuery(Endpoint endpoint) {
        Set<String> names = new LinkedHashSet<>(endpoint.queryParameters);
        names.addAll(List.of("page", "size", "from", "to", "status", "q", "period"));
        List<String> values = List.of("-1", "abc", "99999999999999999999", "2026-13-45", "'; DROP TABLE x; --", "", "<img src=x>");
        StringBuilder query = new StringBuilder();
        int i = 0;
        for (String name : names) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(values.get(i++ % values.size()), StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    // ---- what exists ----------------------------------------------------------------------------------

    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                List<String> files = new ArrayList<>();
                List<String> query = new ArrayList<>();
                boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().stream()
                        .anyMatch(type -> type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA));
                for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                    parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                    Class<?> type = parameter.getParameterType();
                    RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
                    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                    String name = part != null && !part.name().isEmpty() ? part.name()
                            : param != null && !param.name().isEmpty() ? param.name() : parameter.getParameterName();
                    if (MultipartFile.class.isAssignableFrom(type) || part != null
                            || (type.isArray() && MultipartFile.class.isAssignableFrom(type.getComponentType()))) {
                        files.add(name);
                        multipart = true;
                    } else if (param != null) {
                        query.add(name);
                    }
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    endpoints.add(new Endpoint(method, pattern, multipart ? files : List.of(), multipart, query));
                }
            }
        }
        return endpoints;
    }

    private List<String> existingIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String table : tables) {
            try {
                Long max = jdbc.queryForObject("SELECT MAX(id) FROM " + table, Long.class);
                if (max != null) {
                    ids.add(String.valueOf(max));
                }
            } catch (RuntimeException noIdColumn) {
                // a table without a numeric id
            }
        }
        ids.add("1");
        return new ArrayList<>(ids);
    }

    private List<String> ownTables() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = jdbc.getDataSource().getConnection();
             ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                     new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (!name.toUpperCase().startsWith("ACT_") && !name.equalsIgnoreCase("flyway_schema_history")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * Rows of our own tables, and the engine's deployments and running executions. Left out: the security events
     * of the audit trail (a refused request is recorded there on purpose) and the accounts' login bookkeeping.
     */
    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            if (table.equalsIgnoreCase("account_security")) {
                continue;
            }
            String where = table.equalsIgnoreCase("audit_entry") ? " WHERE event_type NOT LIKE 'security.%'" : "";
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where, Long.class));
        }
        for (String table : List.of("ACT_RE_DEPLOYMENT", "ACT_RU_EXECUTION", "ACT_RU_TASK")) {
            counts.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return counts;
    }

    private record Endpoint(RequestMethod method, String pattern, List<String> fileParts, boolean multipart,
                            List<String> queryParameters) {

        Endpoint(RequestMethod method, String pattern, List<String> fileParts, boolean multipart) {
            this(method, pattern, fileParts, multipart, List.of());
        }

        boolean takesBody() {
            return method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH;
        }

        /** The pattern with every path variable set to the value (already URL-encoded where needed). */
        String path(String value) {
            return pattern.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
        }
    }
}
