package org.secflow.incident;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface IncidentMapper {

    void insert(Incident incident);

    void updateGrade(Incident incident);

    void close(@Param("id") long id, @Param("closedAt") LocalDateTime closedAt);

    Incident findById(@Param("id") long id);

    Incident findByProcessInstance(@Param("processInstanceId") String processInstanceId);

    void insertGrading(IncidentGrading grading);

    List<IncidentGrading> findGradings(@Param("incidentId") long incidentId);
}
