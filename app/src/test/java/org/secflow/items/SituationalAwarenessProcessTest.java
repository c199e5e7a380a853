package org.secflow.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.secflow.report.DocumentService;
import org.secflow.report.ServiceDocument;
import org.secflow.support.IntegrationTest;
import org.secflow.support.ProcessDriver;
import org.springframework.beans.factory.annotation.Autowired;

/** 7.2.9 态势感知: assets and traffic collected side by side, then correlated into the 安全态势报告. */
@IntegrationTest
class SituationalAwarenessProcessTest {

    static final String KEY = "situationalAwareness";
    static final String DOCUMENT = "态势感知服务记录及安全态势报告";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void collectedAssetsAndTrafficAreAnalysedIntoTheSituationReport() {
        ProcessInstance pi = untilCollection();
        assertThat(driver.openTaskKeys(pi)).containsExactlyInAnyOrder("userTask_collectAssetRisk", "userTask_connectTraffic");
        collectAssets(pi);
        traffic(pi);
        analyse(pi);
        driver.recordService(pi, "态势感知平台上线，首份安全态势报告已提交", "态势感知平台|新增监控资产 186 个");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "userTask_connectTraffic",
                "userTask_configureThreatDetection", "userTask_analyseSituation", "callActivity_recordService");
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("态势感知 7.2.9", "7.2.9.6", "主机 142 台", "挖矿外联 2 起",
                "勒索攻击呈上升趋势", "新增监控资产 186 个");
    }

    @Test
    void analysisWaitsUntilAssetsAndTrafficAreBothDone() {
        ProcessInstance pi = untilCollection();
        traffic(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_collectAssetRisk");
        collectAssets(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_analyseSituation");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = untilCollection();
        assertThat(driver.candidateGroups(pi, "userTask_collectAssetRisk")).containsExactly("operations");
        assertThat(driver.candidateGroups(pi, "userTask_connectTraffic")).containsExactly("operations");
        driver.complete(pi, "userTask_connectTraffic", "operator", Map.of("connectedTrafficPoints", "出口镜像口",
                "trafficVerified", true));
        assertThat(driver.candidateGroups(pi, "userTask_configureThreatDetection")).containsExactly("technical");
    }

    private ProcessInstance untilCollection() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("monitoredAssetScope", "委办局政务外网全部资产",
                "intelligenceSharingRequirements", "STIX 2.1 接口", "predictionTargets", "勒索与挖矿趋势"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "态势感知方案 V1",
                "assetDiscoveryMechanism", "主动探测+流量被动识别", "trafficCollectionPoints", "出口、核心",
                "sharingInterfacePolicy", "只读共享，按日同步"));
        return pi;
    }

    private void collectAssets(ProcessInstance pi) {
        driver.complete(pi, "userTask_collectAssetRisk", "operator", Map.of("monitoringEnabled", true,
                "discoveredHosts", "主机 142 台", "discoveredServices", "服务 311 个", "discoveredWebsites", "网站 18 个",
                "discoveredDomains", "域名 25 个", "vulnerabilityRiskLevels", "高危 6、中危 40"));
    }

    private void traffic(ProcessInstance pi) {
        driver.complete(pi, "userTask_connectTraffic", "operator", Map.of("connectedTrafficPoints", "出口镜像口\n核心镜像口",
                "trafficVerified", true));
        driver.complete(pi, "userTask_configureThreatDetection", "engineer", Map.of("detectionRules", "C2 外联、横向扫描",
                "intelligenceFeeds", "省级威胁情报库", "realtimeAlertsEnabled", true, "identifiedThreats", "挖矿外联 2 起"));
    }

    private void analyse(ProcessInstance pi) {
        assertThat(driver.candidateGroups(pi, "userTask_analyseSituation")).containsExactly("technical");
        driver.complete(pi, "userTask_analyseSituation", "engineer", Map.of("attackChainPatterns", "弱口令→挖矿植入",
                "threatTrendForecast", "勒索攻击呈上升趋势", "situationView", "https://soc.example.gov.cn/situation",
                "warningIndicators", "高危漏洞数、外联告警数"));
    }
}
