package org.secflow.emergencyplan;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface EmergencyPlanMapper {

    /** A revised draft supersedes the earlier one; both stay on record. */
    void supersedeDrafts(@Param("processInstanceId") String processInstanceId);

    void insertPlan(EmergencyPlan plan);

    void publish(@Param("processInstanceId") String processInstanceId, @Param("publishedAt") LocalDateTime publishedAt);

    List<EmergencyPlan> findByProcessInstance(@Param("processInstanceId") String processInstanceId);

    void insertTraining(PlanTraining training);

    List<PlanTraining> findTrainings(@Param("processInstanceId") String processInstanceId);
}
