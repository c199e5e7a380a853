package org.secflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.secflow.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The indexes the period reads and the Tasklist's deadline filters need are on the engine's tables (H2 and MySQL). */
@IntegrationTest
class EngineIndexesTest {

    @Autowired DataSource dataSource;

    @Test
    void theEngineTablesHaveThePlatformsIndexes() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (EngineIndexes.Index index : EngineIndexes.INDEXES) {
                assertThat(EngineIndexes.exists(connection, index)).as(index.name()).isTrue();
            }
        }
    }
}
