package org.secflow.audit;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AuditMapper {

    void insert(AuditEntry entry);

    /** Locks the chain's head: one sealer at a time. */
    ChainHead lockHead();

    void updateHead(@Param("lastSeq") long lastSeq, @Param("lastHash") String lastHash, @Param("headMac") String headMac);

    List<AuditEntry> findUnsealed(@Param("limit") int limit);

    void seal(AuditEntry entry);

    List<AuditEntry> findSealedFrom(@Param("fromSeq") long fromSeq, @Param("limit") int limit);

    long countUnsealed();

    /** When the oldest committed entry that is not sealed yet was written; null when none waits. */
    LocalDateTime oldestUnsealed();

    /** Sealed entries of the chain before it was keyed (plain SHA-256). */
    long countLegacySealed();

    /** Re-seals an entry of the old chain with the key (its place in the chain stays). */
    void rekey(AuditEntry entry);

    /** Sealed entries that occurred in [from, to), in chain order, from a sequence number on (export). */
    List<AuditEntry> findSealedBetween(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to,
                                       @Param("fromSeq") long fromSeq, @Param("limit") int limit);

    record ChainHead(long lastSeq, String lastHash, String headMac) {
    }

    /** The newest checkpoint (the highest sequence number a verification found whole), or null. */
    Checkpoint newestCheckpoint();

    void insertCheckpoint(Checkpoint checkpoint);

    /** A verification found the chain whole up to this entry (see V290__audit_checkpoints.sql). */
    record Checkpoint(Long id, long chainSeq, String entryHash, LocalDateTime verifiedAt, String verifiedBy,
                      boolean fullChain, String mac) {

        Checkpoint withMac(String mac) {
            return new Checkpoint(id, chainSeq, entryHash, verifiedAt, verifiedBy, fullChain, mac);
        }
    }
}
