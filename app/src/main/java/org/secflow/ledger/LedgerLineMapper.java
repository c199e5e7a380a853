package org.secflow.ledger;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface LedgerLineMapper {

    void insert(LedgerLine line);

    List<LedgerLine> findByProcess(@Param("rootProcessInstanceId") String rootProcessInstanceId);

    List<LedgerLine> findByAsset(@Param("assetId") long assetId);
}
