package org.secflow.process;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ServiceActionMapper {

    void insert(ServiceAction action);

    /** The record of a completed task (one per task). */
    ServiceAction findByTask(@Param("taskId") String taskId);

    void updateEvidence(@Param("id") long id, @Param("evidence") String evidence);

    /** Every action of a service process, including those of the shared steps it called. */
    List<ServiceAction> findByRootProcessInstance(@Param("rootProcessInstanceId") String rootProcessInstanceId);

    /** Every action of the given service processes. */
    List<ServiceAction> findByRootProcessInstances(@Param("ids") Collection<String> rootProcessInstanceIds);

    /** The actions of one step of one kind of process in a period [from, to). */
    List<ServiceAction> findByActivity(@Param("processDefinitionKey") String processDefinitionKey,
                                       @Param("activityId") String activityId,
                                       @Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    /** How many distinct tasks have a record written in the period [from, to). */
    long countRecordedTasks(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);
}
