package org.secflow.scan;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface ScanMapper {

    void insertTool(ScanTool tool);

    ScanTool findTool(@Param("id") long id);

    ScanTool findToolByName(@Param("name") String name);

    List<ScanTool> findTools(@Param("size") int size, @Param("offset") long offset);

    long countTools();

    void insertGroup(AssetGroup group);

    void insertMember(@Param("groupId") long groupId, @Param("assetId") long assetId);

    AssetGroup findGroup(@Param("id") long id);

    AssetGroup findGroupByName(@Param("name") String name);

    List<AssetGroup> findGroups(@Param("size") int size, @Param("offset") long offset);

    long countGroups();

    List<Long> findMembers(@Param("groupId") long groupId);

    void insertTask(ScanTask task);

    void insertScope(@Param("taskId") long taskId, @Param("groupId") long groupId);

    ScanTask findTask(@Param("id") long id);

    ScanTask findTaskByName(@Param("name") String name);

    List<ScanTask> findTasks(@Param("size") int size, @Param("offset") long offset);

    long countTasks();

    List<Long> findScope(@Param("taskId") long taskId);

    void insertRun(ScanRun run);

    List<ScanRun> findRuns(@Param("taskId") long taskId);

    /** Assets in the scope of some task (by its groups), with the names of those tasks. */
    List<ScopeRow> findAssetsInScope();

    /** Assets in the scope of a task that ran in [from, to). */
    List<Long> findAssetsScanned(@Param("from") LocalDateTime from, @Param("to") LocalDateTime to);

    record ScopeRow(long assetId, String taskName) {
    }
}
