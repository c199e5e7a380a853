package org.secflow.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures of a filter, kept per viewer (the user with their groups, so each keeps what their
 * authorizations let them read) for a refresh period. The big screen and the people on the dashboard ask every minute,
 * and the figures of a year take seconds to compute from the records (every item's clause trace, the Appendix B
 * measures): within {@code fresh-for} a request gets the kept figures; after it, for {@code stale-for} more, it still
 * gets them at once while one background thread computes new ones with the viewer's authorizations; older figures are
 * computed while the request waits. The answer's {@code generatedAt} says when its figures were computed (the page
 * shows it as 生成于). The PDF/HTML report always computes anew.
 */
@Component
class DashboardFigures {

    private static final Logger log = LoggerFactory.getLogger(DashboardFigures.class);
    /** Filters a node keeps at most (e.g. periods and units browsed by many people); the oldest go first. */
    static final int MAX_KEPT = 200;

    private final DashboardService dashboard;
    private final IdentityService identityService;
    private final Duration freshFor;
    private final Duration staleFor;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-refresh");
        thread.setDaemon(true);
        return thread;
    });

    DashboardFigures(DashboardService dashboard, IdentityService identityService,
                     @Value("${secflow.dashboard.fresh-for:PT1M}") Duration freshFor,
                     @Value("${secflow.dashboard.stale-for:PT10M}") Duration staleFor) {
        this.dashboard = dashboard;
        this.identityService = identityService;
        this.freshFor = freshFor;
        this.staleFor = staleFor;
    }

    DashboardService.Summary summary(DashboardService.Filter filter) {
        Authentication viewer = identityService.getCurrentAuthentication();
        if (viewer == null || freshFor.isZero()) {
            return dashboard.summary(filter);
        }
        Key key = new Key(viewer.getUserId(), viewer.getGroupIds() == null ? Set.of() : Set.copyOf(viewer.getGroupIds()),
                filter);
        Kept figures = kept.get(key);
        Duration age = figures == null ? null : Duration.between(figures.computedAt, now());
        if (age != null && age.compareTo(freshFor) <= 0) {
            return figures.summary;
        }
        if (age != null && age.compareTo(freshFor.plus(staleFor)) <= 0) {
            if (figures.refreshing.compareAndSet(false, true)) {
                refresher.execute(() -> refresh(key, viewer, figures));
            }
            return figures.summary;
        }
        return compute(key, filter);
    }

    private DashboardService.Summary compute(Key key, DashboardService.Filter filter) {
        Instant computedAt = now();
        DashboardService.Summary summary = dashboard.summary(filter);
        if (kept.size() >= MAX_KEPT) {
            kept.entrySet().stream().min((a, b) -> a.getValue().computedAt.compareTo(b.getValue().computedAt))
                    .ifPresent(oldest -> kept.remove(oldest.getKey()));
        }
        kept.put(key, new Kept(summary, computedAt));
        return summary;
    }

    private void refresh(Key key, Authentication viewer, Kept figures) {
        identityService.setAuthentication(viewer);
        try {
            compute(key, key.filter());
        } catch (RuntimeException e) {
            log.warn("dashboard figures of {} not refreshed: {}", viewer.getUserId(), e.toString());
        } finally {
            identityService.clearAuthentication();
            figures.refreshing.set(false);
        }
    }

    /** The engine's clock, which tests move. */
    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    private record Key(String userId, Set<String> groups, DashboardService.Filter filter) {
    }

    private static final class Kept {
        final DashboardService.Summary summary;
        final Instant computedAt;
        final AtomicBoolean refreshing = new AtomicBoolean();

        Kept(DashboardService.Summary summary, Instant computedAt) {
            this.summary = summary;
            this.computedAt = computedAt;
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
