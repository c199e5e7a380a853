package org.secflow.process;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's tables that the platform's reads need and Camunda's schema does not have: the history of a
 * period by process definition (clause traces, conformance of a period, Appendix B) and open tasks by due date (the
 * Tasklist's 即将超时 and 已超时). Created once the engine has made its schema and before anything is deployed —
 * Flyway runs before the engine, so a migration cannot — when missing; a node that loses the race to another node
 * finds the index there.
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineIndexes.class);

    record Index(String name, String table, String columns) {
    }

    static final List<Index> INDEXES = List.of(
            new Index("IX_SF_HI_TASK_DEF_START", "ACT_HI_TASKINST", "PROC_DEF_ID_, START_TIME_"),
            new Index("IX_SF_HI_ACT_DEF_START", "ACT_HI_ACTINST", "PROC_DEF_ID_, START_TIME_"),
            // one step's ends in a period, e.g. the incidents handled (Appendix B 应急响应时效)
            new Index("IX_SF_HI_ACT_ID_END", "ACT_HI_ACTINST", "ACT_ID_, END_TIME_"),
            new Index("IX_SF_HI_PROC_KEY_START", "ACT_HI_PROCINST", "PROC_DEF_KEY_, START_TIME_"),
            new Index("IX_SF_RU_TASK_DUE", "ACT_RU_TASK", "DUE_DATE_"));

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            for (Index index : INDEXES) {
                if (!exists(connection, index)) {
                    create(connection, index);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("indexes on the engine's tables: " + e.getMessage(), e);
        }
    }

    private static void create(Connection connection, Index index) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX " + index.name() + " ON " + index.table() + " (" + index.columns() + ")");
            log.info("created index {} on {} ({})", index.name(), index.table(), index.columns());
        } catch (SQLException e) {
            if (!exists(connection, index)) {
                throw e;
            }
        }
    }

    static boolean exists(Connection connection, Index index) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String table : List.of(index.table(), index.table().toLowerCase(Locale.ROOT))) {
            try (ResultSet indexes = metaData.getIndexInfo(connection.getCatalog(), null, table, false, true)) {
                while (indexes.next()) {
                    if (index.name().equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
