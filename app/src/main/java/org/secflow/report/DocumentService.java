package org.secflow.report;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.secflow.process.EngineTime;
import org.springframework.stereotype.Service;

/**
 * Renders the documents of the service items with Freemarker (templates under
 * {@code templates/reports/}) and keeps every rendering as a numbered version.
 */
@Service
public class DocumentService {

    private static final DisplayTimes TIMES = new DisplayTimes();

    private final Configuration freemarker;
    private final DocumentMapper mapper;

    public DocumentService(Configuration freemarker, DocumentMapper mapper) {
        this.freemarker = freemarker;
        this.mapper = mapper;
    }

    /** Renders {@code templates/reports/<template>.ftlh} and stores it as the next version of the document. */
    public ServiceDocument renderAndStore(String processInstanceId, String kind, String title, String template,
                                          Map<String, Object> model, String createdBy) {
        String html = render(template, model);
        int version = mapper.lastVersion(processInstanceId, kind) + 1;
        ServiceDocument document = new ServiceDocument(processInstanceId, kind, title, version, html, createdBy,
                EngineTime.now());
        mapper.insert(document);
        return document;
    }

    public List<ServiceDocument> all(String processInstanceId) {
        return mapper.findAll(processInstanceId);
    }

    public Optional<ServiceDocument> latest(String processInstanceId, String kind) {
        return Optional.ofNullable(mapper.findLatest(processInstanceId, kind));
    }

    /** Renders {@code templates/reports/<template>.ftlh} without keeping it (documents computed on request). */
    public String render(String template, Map<String, Object> model) {
        try {
            Map<String, Object> withHelpers = new HashMap<>(model);
            withHelpers.put("times", TIMES);
            StringWriter out = new StringWriter();
            freemarker.getTemplate("reports/" + template + ".ftlh").process(withHelpers, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("document template " + template + " failed: " + e.getMessage(), e);
        }
    }
}
