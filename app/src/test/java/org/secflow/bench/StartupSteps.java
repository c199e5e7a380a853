package org.secflow.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;

/**
 * Where start-up goes: Spring's own start-up steps (bean instantiation, context refresh), buffered while the
 * application starts. The beans that take longest on their own (their dependencies' time taken out) are written as
 * {@code startup.bean.<name>} rows, the context refresh as a whole as {@code startup.refresh}.
 */
final class StartupSteps {

    private static final int TOP = 8;

    private StartupSteps() {
    }

    static void report(BufferingApplicationStartup startup, Results results) {
        List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        Map<Long, Duration> children = events.stream()
                .filter(event -> event.getStartupStep().getParentId() != null)
                .filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                .collect(Collectors.toMap(event -> event.getStartupStep().getParentId(),
                        StartupTimeline.TimelineEvent::getDuration, Duration::plus));
        events.stream()
                .filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                .map(event -> Map.entry(beanName(event), event.getDuration()
                        .minus(children.getOrDefault(event.getStartupStep().getId(), Duration.ZERO))))
                .sorted(Map.Entry.<String, Duration>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP)
                .forEach(entry -> results.add("startup.bean." + entry.getKey(), entry.getValue().toMillis() / 1000.0, "s",
                        "instantiating this bean alone (its dependencies' time taken out)"));
        events.stream().filter(event -> event.getStartupStep().getName().equals("spring.context.refresh")).findFirst()
                .ifPresent(event -> results.add("startup.refresh", event.getDuration().toMillis() / 1000.0, "s",
                        "application context refresh (all beans, engine built, deployments)"));
    }

    private static String beanName(StartupTimeline.TimelineEvent event) {
        return StreamSupport.stream(event.getStartupStep().getTags().spliterator(), false)
                .filter(tag -> tag.getKey().equals("beanName")).map(tag -> tag.getValue()).findFirst().orElse("?");
    }
}
