package org.secflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.secflow.support.Http;
import org.secflow.support.IntegrationTest;
import org.secflow.support.Staff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The big screen asks every minute: it gets the figures kept for the refresh period at once, after the period the kept
 * ones while new ones are computed behind it, and each viewer's figures are their own.
 */
@IntegrationTest
class DashboardFiguresTest {

    @Autowired DashboardService dashboard;
    @Autowired IdentityService identityService;
    @LocalServerPort int port;

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void keptForTheRefreshPeriodThenRefreshedBehindTheViewer() throws InterruptedException {
        Staff.ensure(identityService);
        DashboardFigures figures = new DashboardFigures(dashboard, identityService, Duration.ofMinutes(1),
                Duration.ofMinutes(10));
        String unit = "看板刷新测试单位-" + UUID.randomUUID();
        long start = System.currentTimeMillis();
        ClockUtil.setCurrentTime(new java.util.Date(start));
        DashboardService.Filter filter = dashboard.filter(null, null, unit, null);
        identityService.setAuthentication("auditor", List.of("auditor"));

        DashboardService.Summary first = figures.summary(filter);
        assertThat(first.assets().total()).isZero();
        assertThat(new Http(port).postJson("operator", "/api/assets", Http.toJson(website(unit))).statusCode())
                .isEqualTo(201);

        ClockUtil.setCurrentTime(new java.util.Date(start + 50_000));
        assertThat(figures.summary(filter)).as("within the refresh period: the kept figures").isSameAs(first);

        ClockUtil.setCurrentTime(new java.util.Date(start + 120_000));
        assertThat(figures.summary(filter)).as("after it: still the kept figures, at once").isSameAs(first);
        DashboardService.Summary refreshed = first;
        for (int i = 0; i < 200 && refreshed == first; i++) {
            Thread.sleep(100);
            refreshed = figures.summary(filter);
        }
        assertThat(refreshed).as("computed behind the viewer").isNotSameAs(first);
        assertThat(refreshed.assets().total()).isEqualTo(1);
        assertThat(refreshed.generatedAt()).isAfter(first.generatedAt());

        identityService.setAuthentication("engineer", List.of("technical"));
        assertThat(figures.summary(filter)).as("another viewer's own figures").isNotSameAs(refreshed);

        identityService.setAuthentication("auditor", List.of("auditor"));
        ClockUtil.setCurrentTime(new java.util.Date(start + 120_000 + Duration.ofMinutes(12).toMillis()));
        DashboardService.Summary waitedFor = figures.summary(filter);
        assertThat(waitedFor).as("too old to show: computed while the viewer waits").isNotSameAs(refreshed);
        assertThat(waitedFor.assets().total()).isEqualTo(1);
    }

    private static Map<String, Object> website(String ownerUnit) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "网站");
        body.put("name", "看板测试门户");
        body.put("identifier", "https://dashboard-" + UUID.randomUUID() + ".gz.gov.cn/");
        body.put("ownerUnit", ownerUnit);
        body.put("gradingLevel", "第二级");
        body.put("gradingFiling", "已备案");
        body.put("ipFiling", "已备案");
        body.put("icpFilingNumber", "粤ICP备12345678号-1");
        body.put("exposure", "互联网");
        return body;
    }
}
