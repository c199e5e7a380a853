package org.secflow.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The alert statements on the database of the run (H2, or MariaDB with -Pmysql). */
@IntegrationTest
class AlertMapperTest {

    @Autowired AlertMapper mapper;

    @Test
    void openGroupIsFoundOnlyForItsKeyAndWithinTheWindow() {
        LocalDateTime seen = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        AlertGroup group = group("WAF-" + System.nanoTime(), seen);
        mapper.insertGroup(group);

        assertThat(mapper.findOpenGroup(group.getSource(), "暴力破解", "10.0.0.1", seen.minusMinutes(10)).getId())
                .isEqualTo(group.getId());
        assertThat(mapper.findOpenGroup(group.getSource(), "暴力破解", "10.0.0.1", seen)).as("boundary included").isNotNull();
        assertThat(mapper.findOpenGroup(group.getSource(), "暴力破解", "10.0.0.1", seen.plusSeconds(1))).isNull();
        assertThat(mapper.findOpenGroup(group.getSource(), "暴力破解", "10.0.0.2", seen.minusMinutes(10))).isNull();
        assertThat(mapper.findOpenGroup(group.getSource(), "端口扫描", "10.0.0.1", seen.minusMinutes(10))).isNull();
    }

    @Test
    void alertsJoinTheGroupAndATriagedGroupIsClosedOnce() {
        LocalDateTime seen = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        AlertGroup group = group("WAF-" + System.nanoTime(), seen);
        mapper.insertGroup(group);
        Alert alert = new Alert();
        alert.setGroupId(group.getId());
        alert.setSource(group.getSource());
        alert.setAlertType("暴力破解");
        alert.setAsset("10.0.0.1");
        alert.setSeverity("高");
        alert.setTitle("SSH 登录失败 100 次");
        alert.setReceivedAt(seen.plusMinutes(1));
        alert.setReceivedBy("operator");
        mapper.insertAlert(alert);
        mapper.addToGroup(group.getId(), "高", seen.plusMinutes(1));

        AlertGroup stored = mapper.findGroup(group.getId());
        assertThat(stored.getAlertCount()).isEqualTo(2);
        assertThat(stored.getSeverity()).isEqualTo("高");
        assertThat(stored.getLastSeenAt()).isEqualTo(seen.plusMinutes(1));
        assertThat(mapper.findAlerts(group.getId(), 10, 0)).extracting(Alert::getTitle).containsExactly("SSH 登录失败 100 次");
        assertThat(mapper.countAlerts(group.getId())).isOne();

        assertThat(mapper.triage(group.getId(), "误报", "测试", "engineer", seen.plusMinutes(2))).isOne();
        assertThat(mapper.triage(group.getId(), "事件", null, "engineer", seen.plusMinutes(3))).isZero();
        assertThat(mapper.findGroup(group.getId()).getOutcome()).isEqualTo("误报");
        assertThat(mapper.findOpenGroup(group.getSource(), "暴力破解", "10.0.0.1", seen.minusMinutes(10))).isNull();
        mapper.linkIncident(group.getId(), 7L, "pi-7");
        assertThat(mapper.findGroup(group.getId()).getProcessInstanceId()).isEqualTo("pi-7");
    }

    private static AlertGroup group(String source, LocalDateTime seen) {
        AlertGroup group = new AlertGroup();
        group.setSource(source);
        group.setAlertType("暴力破解");
        group.setAsset("10.0.0.1");
        group.setSeverity("中");
        group.setAlertCount(1);
        group.setFirstSeenAt(seen);
        group.setLastSeenAt(seen);
        group.setStatus(AlertGroup.OPEN);
        return group;
    }
}
