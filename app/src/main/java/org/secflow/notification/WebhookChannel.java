package org.secflow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.secflow.process.EngineTime;
import org.springframework.stereotype.Component;

/**
 * Group robots: 企业微信 and 钉钉 markdown messages, and our generic JSON signed with HMAC-SHA256. Every
 * request carries the notification id in the header {@value #ID_HEADER} and in the message.
 */
@Component
class WebhookChannel {

    static final String ID_HEADER = "X-SecFlow-Notification-Id";
    static final String TIMESTAMP_HEADER = "X-SecFlow-Timestamp";
    static final String SIGNATURE_HEADER = "X-SecFlow-Signature";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ObjectMapper json;
    private final NotificationConfig config;
    private final HttpClient client;

    WebhookChannel(ObjectMapper json, NotificationConfig config) {
        this.json = json;
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.httpTimeout).build();
    }

    void send(Notification notification, Robot robot) throws Exception {
        long timestamp = System.currentTimeMillis();
        String url = robot.getUrl();
        String body;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(config.httpTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(ID_HEADER, String.valueOf(notification.getId()));
        switch (RobotKind.valueOf(robot.getKind())) {
            case WECOM -> {
                ObjectNode message = json.createObjectNode().put("msgtype", "markdown");
                message.putObject("markdown").put("content", markdown(notification));
                body = json.writeValueAsString(message);
            }
            case DINGTALK -> {
                ObjectNode message = json.createObjectNode().put("msgtype", "markdown");
                message.putObject("markdown").put("title", notification.getTitle()).put("text", markdown(notification));
                body = json.writeValueAsString(message);
                if (robot.isSigned()) {
                    url += (url.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                            + URLEncoder.encode(dingTalkSign(timestamp, robot.getSecret()), StandardCharsets.UTF_8);
                }
            }
            default -> {
                ObjectNode message = json.createObjectNode();
                message.put("id", notification.getId());
                message.put("event", notification.getEvent());
                message.put("eventName", NotificationEvent.valueOf(notification.getEvent()).label());
                message.put("title", notification.getTitle());
                message.put("body", notification.getBody());
                message.put("link", notification.getLink());
                message.put("group", notification.getRecipientGroup());
                message.put("taskId", notification.getTaskId());
                message.put("processInstanceId", notification.getProcessInstanceId());
                message.put("deadline", notification.getDeadline() == null ? null
                        : EngineTime.forDisplay(notification.getDeadline()).toString());
                message.put("createdAt", EngineTime.forDisplay(notification.getCreatedAt()).toString());
                body = json.writeValueAsString(message);
                request.header(TIMESTAMP_HEADER, String.valueOf(timestamp));
                if (robot.isSigned()) {
                    request.header(SIGNATURE_HEADER, "sha256=" + genericSignature(timestamp, body, robot.getSecret()));
                }
            }
        }
        HttpResponse<String> response = client.send(request.uri(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + NotificationService.cut(response.body(), 300));
        }
        // 企业微信 and 钉钉 answer 200 also on errors, with a non-zero errcode
        if (robot.getKind().equals(RobotKind.WECOM.name()) || robot.getKind().equals(RobotKind.DINGTALK.name())) {
            JsonNode answer = parse(response.body());
            if (answer != null && answer.path("errcode").asInt(0) != 0) {
                throw new IllegalStateException("机器人拒绝：errcode " + answer.path("errcode").asText() + " "
                        + answer.path("errmsg").asText());
            }
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception notJson) {
            return null;
        }
    }

    private String markdown(Notification notification) {
        StringBuilder text = new StringBuilder();
        text.append("### ").append(notification.getTitle()).append("\n\n");
        text.append(notification.getBody()).append("\n\n");
        if (notification.getDeadline() != null) {
            text.append("期限：").append(EngineTime.forDisplay(notification.getDeadline()).format(TIME)).append("\n\n");
        }
        if (notification.getLink() != null) {
            text.append("[打开处理](").append(notification.getLink()).append(")\n\n");
        }
        text.append("> 通知编号：").append(notification.getId());
        return text.toString();
    }

    /** 钉钉: Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded by the caller. */
    static String dingTalkSign(long timestamp, String secret) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(hmac(secret, timestamp + "\n" + secret));
    }

    /** Generic webhook: hex(HMAC-SHA256(secret, timestamp + "." + body)). */
    static String genericSignature(long timestamp, String body, String secret) throws GeneralSecurityException {
        return HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    private static byte[] hmac(String secret, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}
