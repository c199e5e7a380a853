package org.secflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.scripting.xmltags.ExpressionEvaluator;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's mappings read the same values through the kept read methods as through OGNL's own lookup. The accessor
 * is set for the query's class itself: OGNL remembers per class the accessor it found for it first.
 */
class OgnlReadMethodsTest {

    @AfterEach
    void restoreWhatTheEngineSets() {
        OgnlRuntime.setPropertyAccessor(TaskQueryImpl.class, new OgnlReadMethods.CachingAccessor());
    }

    @Test
    void aTaskQueryReadsTheSameThroughTheKeptReadMethodsAsThroughOgnlsOwnLookup() throws OgnlException {
        TaskQueryImpl query = new TaskQueryImpl();
        query.withoutTenantId().processInstanceId("pi-1");
        Map<String, Object> expected = Map.of("isWithoutTenantId", true, "isOrQueryActive", false,
                "processInstanceId", "pi-1");
        String condition = "isWithoutTenantId and !isOrQueryActive and processInstanceId != null";
        OgnlRuntime.setPropertyAccessor(TaskQueryImpl.class, new ObjectPropertyAccessor());
        expected.forEach((property, value) -> assertThat(OgnlCache.getValue(property, query)).as(property).isEqualTo(value));
        assertThat(new ExpressionEvaluator().evaluateBoolean(condition, query)).isTrue();

        OgnlRuntime.setPropertyAccessor(TaskQueryImpl.class, new OgnlReadMethods.CachingAccessor());
        assertThat(OgnlRuntime.getPropertyAccessor(TaskQueryImpl.class)).isInstanceOf(OgnlReadMethods.CachingAccessor.class);
        for (int round = 0; round < 2; round++) { // the second round reads through the kept methods
            expected.forEach((property, value) -> assertThat(OgnlCache.getValue(property, query)).as(property).isEqualTo(value));
            assertThat(new ExpressionEvaluator().evaluateBoolean(condition, query)).isTrue();
        }
        query.processInstanceId("pi-2");
        assertThat(OgnlCache.getValue("processInstanceId", query)).as("read anew, not kept").isEqualTo("pi-2");
    }

    @Test
    void aPropertyWithoutAReadMethodIsStillRefusedAsOgnlRefusesIt() {
        OgnlRuntime.setPropertyAccessor(TaskQueryImpl.class, new OgnlReadMethods.CachingAccessor());
        TaskQueryImpl query = new TaskQueryImpl();
        assertThatThrownBy(() -> OgnlCache.getValue("noSuchCriterion", query)).isInstanceOf(BuilderException.class)
                .hasMessageContaining("noSuchCriterion");
    }
}
