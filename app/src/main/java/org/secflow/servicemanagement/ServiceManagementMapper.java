package org.secflow.servicemanagement;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ServiceManagementMapper {

    void insertPhishingResult(PhishingResult result);

    List<PhishingResult> phishingResults(@Param("processInstanceId") String processInstanceId);

    void insertDailyReport(DailyReport report);

    List<DailyReport> dailyReports(@Param("processInstanceId") String processInstanceId);

    void insertLaunchDecision(LaunchDecision decision);

    List<LaunchDecision> launchDecisions(@Param("processInstanceId") String processInstanceId);
}
