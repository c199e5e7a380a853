package org.secflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.secflow.incident.Incident;
import org.secflow.incident.IncidentReport;
import org.secflow.incident.IncidentService;
import org.secflow.process.EngineTime;
import org.secflow.process.SlaBreach;
import org.secflow.support.Http;
import org.secflow.support.ProcessDriver;
import org.secflow.support.Staff;
import org.secflow.vulnerability.VulnerabilityService;

/**
 * Records of known counts for the dashboard's tests, entered through the product's own services and API in May of
 * a year of their own and for a 使用方 of their own: a ledger of 3 assets (2 on the 政务外网, 1 on the Internet,
 * 1 ungraded and unfiled), 7 open grade II incidents on the unit's address (3 past their respond deadline at
 * {@link #now}, 4 due within 4 hours) and 1 elsewhere, 3 findings (2 critical, one disposed; 1 false positive)
 * plus 1 critical elsewhere, and 3 tickets (one answered in time, one late, one not yet).
 */
public final class DashboardSeed {

    static final String CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    static final String LOW = "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L";

    private final ProcessEngine engine;
    private final IncidentService incidents;
    private final VulnerabilityService vulnerabilities;
    private final IdentityService identityService;
    private final int port;

    /** Monday 09:00 of the first full week of May. */
    public final LocalDateTime t0;
    /** Two hours later: when the figures are read. */
    public final LocalDateTime now;
    /** The period of the records, as the dashboard's query string. */
    public final String period;
    public final String unit = "仪表盘测试单位-" + Long.toString(System.nanoTime(), 36);
    public String ip;
    public String otherIp;
    public final Map<String, Integer> expectedBreaches = new HashMap<>();
    public int expectedBreachTotal;

    public DashboardSeed(ProcessEngine engine, IncidentService incidents, VulnerabilityService vulnerabilities,
                         IdentityService identityService, int port, int year) {
        this.engine = engine;
        this.incidents = incidents;
        this.vulnerabilities = vulnerabilities;
        this.identityService = identityService;
        this.port = port;
        LocalDateTime first = LocalDateTime.of(year, 5, 1, 9, 0);
        this.t0 = first.plusDays((8 - first.getDayOfWeek().getValue()) % 7);
        this.now = t0.plusHours(2);
        this.period = "from=" + year + "-05-01&to=" + year + "-05-31";
    }

    /** Enters the records; call it inside a test method (the process coverage extension follows only those). */
    public DashboardSeed plant() {
        Staff.ensure(identityService);
        int octet = (int) (System.nanoTime() % 200) + 20;
        ip = "10.241." + octet + ".1";
        otherIp = "10.241." + octet + ".2";
        Http http = new Http(port);
        at(t0);
        // the unit's ledger: two addresses on the 政务外网 (one graded and filed, one not yet), one website on the Internet
        asset(http, Map.of("kind", "IP", "name", "业务服务器", "identifier", ip, "ownerUnit", unit, "exposure", "政务外网",
                "gradingLevel", "第二级", "gradingFiling", "已备案", "ipFiling", "已备案"));
        asset(http, Map.of("kind", "IP", "name", "备用服务器", "identifier", "10.241." + octet + ".3", "ownerUnit", unit,
                "exposure", "政务外网"));
        asset(http, Map.of("kind", "网站", "name", "门户网站", "identifier", "https://dash" + octet + "-"
                + Long.toString(System.nanoTime(), 36) + ".gz.gov.cn/", "ownerUnit", unit, "exposure", "互联网",
                "gradingLevel", "第二级", "gradingFiling", "已备案", "ipFiling", "已备案", "icpFilingNumber", "粤ICP备12345678号-1"));

        // 7 open grade II incidents on the unit's address: 3 reported at 09:00, whose respond deadline (30 min) has
        // passed by 11:00, and 4 reported at 11:00 (deadlines within the next 4 hours); 1 more elsewhere
        List<Incident> late = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            late.add(gradeII("早报事件" + i, ip));
        }
        // an hour late, the engineer analyses them: the respond deadline of the dispatch that follows has passed
        at(t0.plusHours(1));
        ProcessDriver driver = new ProcessDriver(engine);
        for (Incident incident : late) {
            driver.complete(engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceId(incident.getProcessInstanceId()).singleResult(), "userTask_analyseIncident",
                    "engineer", Map.of("analysis", "研判", "regrade", false));
        }
        at(now);
        for (int i = 0; i < 4; i++) {
            gradeII("新报事件" + i, ip);
        }
        gradeII("其他单位事件", otherIp);
        // the deadline timers that are due fire (the tests run the job executor's work themselves)
        for (Incident incident : late) {
            for (Job job : engine.getManagementService().createJobQuery().processInstanceId(incident.getProcessInstanceId())
                    .timers().duedateLowerThan(EngineTime.toDate(now.plusSeconds(1))).list()) {
                engine.getManagementService().executeJob(job.getId());
            }
            Staff.as(identityService, "auditor", () -> {
                for (SlaBreach breach : incidents.details(incident.getId()).breaches()) {
                    expectedBreaches.merge(breach.slaName(), 1, Integer::sum);
                    expectedBreachTotal++;
                }
            });
        }

        // vulnerabilities on the unit's address: 2 critical (one disposed), 1 low marked false positive
        long fixed = vulnerability(ip, CRITICAL);
        vulnerability(ip, CRITICAL);
        long falsePositive = vulnerability(ip, LOW);
        Staff.as(identityService, "engineer", () -> {
            vulnerabilities.transition(fixed, "receive", null);
            vulnerabilities.transition(fixed, "verify", "复现成功");
            vulnerabilities.transition(fixed, "dispose", "升级到修复版本");
            vulnerabilities.markFalsePositive(falsePositive, "设备不存在该组件");
        });
        // a critical one on an address of no ledger asset: counts without the unit filter only
        vulnerability(otherIp, CRITICAL);

        // tickets of the unit: priority 中 is to be answered within 2 h; one in 30 min, one after 3 h, one not yet
        long inTime = ticket(http);
        long lateTicket = ticket(http);
        ticket(http);
        at(now.plusMinutes(30));
        assertThat(http.postJson("operator", "/api/tickets/" + inTime + "/accept", "{}").statusCode()).isEqualTo(200);
        at(now.plusHours(3));
        assertThat(http.postJson("operator", "/api/tickets/" + lateTicket + "/accept", "{}").statusCode()).isEqualTo(200);
        at(now);
        return this;
    }

    public static void at(LocalDateTime time) {
        ClockUtil.setCurrentTime(EngineTime.toDate(time));
    }

    private Incident gradeII(String title, String asset) {
        return Staff.as(identityService, "operator", () -> incidents.report(new IncidentReport(title, "首页出现非法标语",
                "网络攻击事件", "网页篡改", "重要", "严重", "重大", "党政机关", List.of(asset), "监控", null)));
    }

    /** A reported vulnerability whose 7.4.2 process is withdrawn, so that the seed moves it through the API alone. */
    private long vulnerability(String host, String cvssVector) {
        var reported = Staff.as(identityService, "engineer", () -> vulnerabilities.report(new VulnerabilityService.ManualReport(
                "OA 系统反序列化漏洞-" + System.nanoTime(), null, null, null, null, host, "443/tcp",
                "某 OA 9.0", null, null, null, null, cvssVector, null, null, null, null, null, null, null, null, null,
                null, null, null)));
        engine.getRuntimeService().deleteProcessInstance(reported.getProcessInstanceId(), "测试：撤销漏洞管理流程，仅经接口办理");
        return reported.getId();
    }

    private void asset(Http http, Map<String, Object> body) {
        var created = http.postJson("operator", "/api/assets", Http.toJson(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private long ticket(Http http) {
        var created = http.postJson("operator", "/api/tickets", Http.toJson(Map.of("kind", "服务申请", "channel", "热线",
                "priority", "中", "title", "开通 VPN 账号", "description", "新入职人员需要 VPN", "requestingUnit", unit,
                "contactPerson", "赵老师", "contactInfo", "020-12345678")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created).get("id").asLong();
    }
}
