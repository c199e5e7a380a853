package org.secflow.process;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface ServiceActionMapper {

    void insert(ServiceAction action);

    List<ServiceAction> findByProcessInstance(@Param("processInstanceId") String processInstanceId);
}
