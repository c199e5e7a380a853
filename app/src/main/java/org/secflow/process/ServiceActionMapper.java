package org.secflow.process;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ServiceActionMapper {

    void insert(ServiceAction action);

    /** Every action of a service process, including those of the shared steps it called. */
    List<ServiceAction> findByRootProcessInstance(@Param("rootProcessInstanceId") String rootProcessInstanceId);
}
