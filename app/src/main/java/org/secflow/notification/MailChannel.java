package org.secflow.notification;

import freemarker.template.Configuration;
import jakarta.mail.internet.MimeMessage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.secflow.process.EngineTime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Spring Boot's {@code spring.mail.*}), HTML from a Chinese Freemarker template. */
@Component
class MailChannel {

    static final String ID_HEADER = "X-SecFlow-Notification-Id";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ObjectProvider<JavaMailSender> mailSender;
    private final Configuration freemarker;
    private final NotificationConfig config;

    MailChannel(ObjectProvider<JavaMailSender> mailSender, Configuration freemarker, NotificationConfig config) {
        this.mailSender = mailSender;
        this.freemarker = freemarker;
        this.config = config;
    }

    void send(Notification notification, String address) throws Exception {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("未配置邮件服务器（spring.mail.host）");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("n", notification);
        model.put("event", NotificationEvent.valueOf(notification.getEvent()).label());
        model.put("deadline", notification.getDeadline() == null ? null
                : EngineTime.forDisplay(notification.getDeadline()).format(TIME));
        model.put("link", notification.getLink());
        StringWriter html = new StringWriter();
        freemarker.getTemplate("notification/mail.ftlh", "UTF-8").process(model, html);

        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
        helper.setFrom(config.mailFrom);
        helper.setTo(address);
        helper.setSubject("【SecFlow】" + notification.getTitle());
        helper.setText(html.toString(), true);
        // receivers (and mail filters) can drop a second copy by the id
        message.setHeader(ID_HEADER, String.valueOf(notification.getId()));
        sender.send(message);
    }
}
