package org.secflow.ledger;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface AssetMapper {

    void insert(Asset asset);

    /** Writes every field of the asset but its kind, creator and creation time. */
    void update(Asset asset);

    Asset findById(@Param("id") long id);

    Asset findByKindAndIdentifier(@Param("kind") String kind, @Param("identifier") String identifier);

    /** Assets whose identifier is one of the given ones, in any kind (for imports naming a parent). */
    List<Asset> findByIdentifier(@Param("identifier") String identifier);

    List<Asset> find(@Param("filter") AssetFilter filter, @Param("size") int size, @Param("offset") long offset);

    long count(@Param("filter") AssetFilter filter);

    /** Assets a ledger text names: by the whole text as name, or by one of the identifiers read from it. */
    List<Long> findIdsNamedBy(@Param("text") String text, @Param("identifiers") Collection<String> identifiers);

    void updateLastSeen(@Param("id") long id, @Param("seenAt") LocalDateTime seenAt);

    void insertImport(AssetImport assetImport);

    void insertObservation(Observation observation);

    List<Observation> findObservations(@Param("assetId") long assetId);

    List<ReclamationRow> findReclamation(@Param("retired") String retired);
}
