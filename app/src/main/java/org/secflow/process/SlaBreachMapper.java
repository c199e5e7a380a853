package org.secflow.process;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface SlaBreachMapper {

    void insert(SlaBreach breach);

    List<SlaBreach> findByProcessInstance(@Param("processInstanceId") String processInstanceId);
}
