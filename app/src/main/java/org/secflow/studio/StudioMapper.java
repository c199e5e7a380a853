package org.secflow.studio;

import java.time.LocalDateTime;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

@Mapper
interface StudioMapper {

    @Insert("""
            INSERT INTO model_draft (process_key, base_definition_id, bpmn_xml, forms_json, revision, created_by,
                                     updated_by, updated_at)
            VALUES (#{processKey}, #{baseDefinitionId}, #{bpmnXml}, #{formsJson}, #{revision}, #{createdBy},
                    #{updatedBy}, #{updatedAt})""")
    @Options(useGeneratedKeys = true, keyProperty = "id")
    void insertDraft(ModelDraft draft);

    @Select("SELECT * FROM model_draft WHERE id = #{id}")
    ModelDraft draft(@Param("id") long id);

    @Select("SELECT id, process_key, base_definition_id, '' AS bpmn_xml, '' AS forms_json, revision, created_by, "
            + "updated_by, updated_at FROM model_draft ORDER BY updated_at DESC")
    List<ModelDraft> drafts();

    /** Saves over the draft only if nobody saved it since {@code revision} was read (1 row), else 0. */
    @Update("""
            UPDATE model_draft SET bpmn_xml = #{bpmnXml}, forms_json = #{formsJson}, revision = revision + 1,
                   updated_by = #{updatedBy}, updated_at = #{updatedAt}
            WHERE id = #{id} AND revision = #{revision}""")
    int saveDraft(ModelDraft draft);

    @Delete("DELETE FROM model_draft WHERE id = #{id}")
    int deleteDraft(@Param("id") long id);

    @Insert("""
            INSERT INTO model_migration (source_definition_id, target_definition_id, plan_json, instance_count, mode,
                                         batch_id, started_by, started_at, results_json)
            VALUES (#{sourceDefinitionId}, #{targetDefinitionId}, #{planJson}, #{instanceCount}, #{mode}, #{batchId},
                    #{startedBy}, #{startedAt}, #{resultsJson})""")
    @Options(useGeneratedKeys = true, keyProperty = "id")
    void insertMigration(MigrationRecord migration);

    @Select("SELECT * FROM model_migration WHERE id = #{id}")
    MigrationRecord migration(@Param("id") long id);

    @Select("SELECT * FROM model_migration ORDER BY started_at DESC, id DESC")
    List<MigrationRecord> migrations();

    @Update("UPDATE model_migration SET results_json = #{resultsJson} WHERE id = #{id}")
    void saveResults(@Param("id") long id, @Param("resultsJson") String resultsJson);

    @Select("SELECT CURRENT_TIMESTAMP")
    LocalDateTime now();
}
