package org.secflow.intel;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface IntelMapper {

    void insertImport(IntelImport intelImport);

    void updateImportMatches(@Param("id") long id, @Param("assetMatchCount") int assetMatchCount,
                             @Param("draftCount") int draftCount);

    IntelImport findImport(@Param("id") long id);

    IntelImport findImportBySha256(@Param("sha256") String sha256);

    /** Those of the keys that are already stored. */
    List<String> findExistingKeys(@Param("keys") Collection<String> keys);

    void insertItem(IntelItem item);

    IntelItem findItem(@Param("id") long id);

    List<IntelItem> findItems(@Param("kind") String kind, @Param("type") String type, @Param("importId") Long importId,
                              @Param("qLike") String qLike, @Param("size") int size, @Param("offset") long offset);

    long countItems(@Param("kind") String kind, @Param("type") String type, @Param("importId") Long importId,
                    @Param("qLike") String qLike);

    /** Indicators with one of the value hashes that are valid at the time (valid_from passed, valid_until not). */
    List<IntelItem> findValidIndicators(@Param("hashes") Collection<String> hashes, @Param("at") LocalDateTime at);

    void insertAlertHit(@Param("alertId") long alertId, @Param("groupId") long groupId, @Param("itemId") long itemId,
                        @Param("matchedAt") LocalDateTime matchedAt);

    List<HitRow> findHitsOfGroup(@Param("groupId") long groupId);

    void insertAssetMatch(AssetMatch match);

    List<AssetMatch> findAssetMatches(@Param("itemId") Long itemId, @Param("assetId") Long assetId,
                                      @Param("size") int size, @Param("offset") long offset);

    long countAssetMatches(@Param("itemId") Long itemId, @Param("assetId") Long assetId);

    /** A hit of an alert with the indicator it named. */
    record HitRow(long alertId, long itemId, String indicatorType, String indicatorValue, String source, int confidence,
                  String name, LocalDateTime validUntil, LocalDateTime matchedAt) {
    }
}
