package org.secflow.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * MyBatis evaluates the engine's SQL mappings with OGNL. For a property whose getter is not named get/is + property —
 * Camunda's task query reads {@code isOrQueryActive} and {@code isWithoutTenantId} in every task query, and every
 * authorization-checked query reads {@code isRevokeAuthorizationCheckEnabled} — OGNL finds the method by comparing,
 * case-insensitively, the name of every public method of the class (310 for the task query), on every evaluation: 5 %
 * of the benchmark's CPU in a profile. This accessor keeps, per class and property, the public method OGNL would find;
 * anything else (fields, non-public classes) is OGNL's own lookup as before. Set once for the JVM, before the engine
 * runs a query.
 */
@Component
class OgnlReadMethods extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        OgnlRuntime.setPropertyAccessor(Object.class, new CachingAccessor());
    }

    static final class CachingAccessor extends ObjectPropertyAccessor {

        private static final Object[] NO_ARGUMENTS = new Object[0];

        private final ClassValue<ConcurrentMap<String, Optional<Method>>> readMethods = new ClassValue<>() {
            @Override
            protected ConcurrentMap<String, Optional<Method>> computeValue(Class<?> type) {
                return new ConcurrentHashMap<>();
            }
        };

        @Override
        public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
            Optional<Method> read = readMethods.get(target.getClass()).computeIfAbsent(name,
                    property -> Optional.ofNullable(publicReadMethod(target.getClass(), property)));
            if (read.isEmpty()) {
                return super.getPossibleProperty(context, target, name);
            }
            try {
                return read.get().invoke(target, NO_ARGUMENTS);
            } catch (InvocationTargetException e) {
                throw new OgnlException(name, e.getTargetException());
            } catch (IllegalAccessException e) {
                throw new OgnlException(name, e);
            }
        }

        /** The method OGNL itself would read the property with, when it can be called without access changes. */
        static Method publicReadMethod(Class<?> type, String property) {
            Method method = OgnlRuntime.getGetMethod(type, property);
            if (method == null) {
                method = OgnlRuntime.getReadMethod(type, property, null);
            }
            return method != null && Modifier.isPublic(method.getModifiers())
                    && Modifier.isPublic(method.getDeclaringClass().getModifiers()) ? method : null;
        }
    }
}
