package org.secflow.report;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface DocumentMapper {

    void insert(ServiceDocument document);

    int lastVersion(@Param("processInstanceId") String processInstanceId, @Param("kind") String kind);

    /** Every version of every document of the process, without their content. */
    java.util.List<ServiceDocument> findAll(@Param("processInstanceId") String processInstanceId);

    ServiceDocument findLatest(@Param("processInstanceId") String processInstanceId, @Param("kind") String kind);
}
