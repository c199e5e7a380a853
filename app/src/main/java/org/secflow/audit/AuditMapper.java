package org.secflow.audit;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuditMapper {

    void insert(AuditEntry entry);

    /** Locks the chain's head: one sealer at a time. */
    ChainHead lockHead();

    void updateHead(@Param("lastSeq") long lastSeq, @Param("lastHash") String lastHash);

    List<AuditEntry> findUnsealed(@Param("limit") int limit);

    void seal(AuditEntry entry);

    List<AuditEntry> findSealedFrom(@Param("fromSeq") long fromSeq, @Param("limit") int limit);

    long countUnsealed();

    record ChainHead(long lastSeq, String lastHash) {
    }
}
