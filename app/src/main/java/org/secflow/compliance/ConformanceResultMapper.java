package org.secflow.compliance;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ConformanceResultMapper {

    /** A stored row: the clauses as JSON, read by {@link ConformanceResults}. */
    record Row(String processInstanceId, String item, boolean conformant, String clauses, LocalDateTime computedAt) {
    }

    void insert(Row row);

    List<Row> findByIds(@Param("ids") Collection<String> processInstanceIds);
}
