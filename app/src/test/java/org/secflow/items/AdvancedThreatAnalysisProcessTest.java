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

/** 7.2.8 高级威胁分析: probes, cloud correlation, the response when an attack path is found, intelligence and report. */
@IntegrationTest
class AdvancedThreatAnalysisProcessTest {

    static final String KEY = "advancedThreatAnalysis";
    static final String DOCUMENT = "高级威胁分析服务记录及高级威胁分析报告";

    @Autowired ProcessEngine engine;
    @Autowired DocumentService documents;
    ProcessDriver driver;

    @BeforeEach
    void setUp() {
        init(engine);
        driver = new ProcessDriver(engine);
    }

    @Test
    void foundAttackPathIsBlockedModelledAndSyncedBeforeIntelligenceAndReport() {
        ProcessInstance pi = untilAnalysis();
        analyse(pi, true);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_blockAttackPath");
        assertThat(driver.candidateGroups(pi, "userTask_blockAttackPath")).containsExactly("operations");
        driver.complete(pi, "userTask_blockAttackPath", "operator", Map.of("blockedPaths", "出口防火墙阻断 c2.example.net",
                "blockVerified", true));
        assertThat(driver.candidateGroups(pi, "userTask_updateDetectionModel")).containsExactly("technical");
        driver.complete(pi, "userTask_updateDetectionModel", "engineer", Map.of("detectionModelUpdates", "新增 DNS 隧道检测特征",
                "detectionModelVersion", "TM-2026.11.2"));
        assertThat(driver.candidateGroups(pi, "userTask_syncDefensePolicy")).containsExactly("operations");
        driver.complete(pi, "userTask_syncDefensePolicy", "operator", Map.of("syncedDefensePolicies", "IPS、终端 EDR 同步 TM-2026.11.2"));
        pushIntelligence(pi);
        driver.recordService(pi, "APT 攻击链已还原并阻断", "出口防火墙 FW-01|新增域名阻断 1 条");

        assertThat(driver.isEnded(pi)).isTrue();
        assertThat(pi).hasPassedInOrder("userTask_confirmRequirement", "userTask_draftPlan", "userTask_deployProbes",
                "userTask_correlateAnalysis", "userTask_blockAttackPath", "userTask_updateDetectionModel",
                "userTask_syncDefensePolicy", "userTask_pushIntelligence", "callActivity_recordService");
        ServiceDocument document = documents.latest(pi.getId(), DOCUMENT).orElseThrow();
        assertThat(document.html()).contains("高级威胁分析 7.2.8", "7.2.8.6", "钓鱼邮件→宏木马→横向移动", "TM-2026.11.2",
                "定向情报周报", "新增域名阻断 1 条");
    }

    @Test
    void withoutAnAttackPathTheIntelligenceIsPushedStraightAway() {
        ProcessInstance pi = untilAnalysis();
        analyse(pi, false);

        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_pushIntelligence");
        pushIntelligence(pi);
        assertThat(driver.openTaskKeys(pi)).containsExactly("userTask_recordService");
        assertThat(pi).hasNotPassed("userTask_blockAttackPath", "userTask_updateDetectionModel", "userTask_syncDefensePolicy");
    }

    @Test
    void stepsGoToTheGroupsWhoseJobTheyAre() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        assertThat(driver.candidateGroups(pi, "userTask_confirmRequirement")).containsExactly("technical");
        requirementAndPlan(pi);
        assertThat(driver.openTaskKeys(pi)).as("no review step in 7.2.8").containsExactly("userTask_deployProbes");
        assertThat(driver.candidateGroups(pi, "userTask_deployProbes")).containsExactly("operations");
    }

    private ProcessInstance untilAnalysis() {
        ProcessInstance pi = driver.startRequest("operator", KEY);
        requirementAndPlan(pi);
        driver.complete(pi, "userTask_deployProbes", "operator", Map.of("threatProbes", "核心交换旁路探针 2 台",
                "trafficProbesNeeded", true, "trafficProbes", "出口流量探针 1 台", "logCollectionPolicy", "DNS、代理日志全量采集",
                "cloudAnalysisChannel", "云端分析平台专线", "channelEstablished", true));
        assertThat(driver.candidateGroups(pi, "userTask_correlateAnalysis")).containsExactly("technical");
        return pi;
    }

    private void requirementAndPlan(ProcessInstance pi) {
        driver.complete(pi, "userTask_confirmRequirement", "engineer", Map.of("analysisScope", "政务外网出口及数据中心",
                "intelligenceCustomization", "针对政务行业的 APT 情报", "tracingDepth", "还原完整攻击链"));
        driver.complete(pi, "userTask_draftPlan", "engineer", Map.of("planSummary", "高级威胁分析方案 V1",
                "probeDeploymentStrategy", "出口与核心旁路部署", "analysisRules", "DNS 隧道、C2 心跳",
                "intelligenceDelivery", "定向情报周报，邮件推送"));
    }

    private void analyse(ProcessInstance pi, boolean attackPathFound) {
        driver.complete(pi, "userTask_correlateAnalysis", "engineer", Map.of("maliciousIndicatorTracks", "c2.example.net 解析 4 次",
                "victimAssetDistribution", "办公网终端 3 台", "attackChain", "钓鱼邮件→宏木马→横向移动",
                "attackerAttribution", "疑似 APT 团伙", "attackPathFound", attackPathFound));
    }

    private void pushIntelligence(ProcessInstance pi) {
        driver.complete(pi, "userTask_pushIntelligence", "engineer", Map.of("intelligenceRecipients", "使用方安全负责人",
                "pushedIntelligence", "C2 域名与样本哈希", "pushedAt", "2026-11-28T10:00:00+08:00"));
    }
}
