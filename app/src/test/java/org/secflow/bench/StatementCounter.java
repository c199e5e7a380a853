package org.secflow.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts what goes to the database through a {@link DataSource}: round trips (each {@code execute*} call,
 * a JDBC batch counting once), the statements in them (a batch counting each of its rows), and commits,
 * per thread and in all. The benchmark wraps the pool of both engines in it, so "queries per task
 * completion" are counted the same way for ours and for the bare engine.
 */
final class StatementCounter {

    /** What one thread (or all) sent: round trips, statements, commits. */
    record Counts(long roundTrips, long statements, long commits) {
        Counts minus(Counts before) {
            return new Counts(roundTrips - before.roundTrips, statements - before.statements, commits - before.commits);
        }
    }

    private static final class Tally {
        final AtomicLong roundTrips = new AtomicLong();
        final AtomicLong statements = new AtomicLong();
        final AtomicLong commits = new AtomicLong();

        Counts counts() {
            return new Counts(roundTrips.get(), statements.get(), commits.get());
        }
    }

    private static final Tally ALL = new Tally();
    private static final Tally COMPLETIONS = new Tally();
    private static final AtomicLong COMPLETED = new AtomicLong();
    private static final ThreadLocal<Boolean> IN_COMPLETION = ThreadLocal.withInitial(() -> false);

    private StatementCounter() {
    }

    static Counts all() {
        return ALL.counts();
    }

    /** What the completing threads sent while inside {@link #completion}, and how many completions. */
    static Counts completions() {
        return COMPLETIONS.counts();
    }

    static long completed() {
        return COMPLETED.get();
    }

    /** Runs a task's claim and completion, counting what its thread sends meanwhile. */
    static void completion(Runnable claimAndComplete) {
        IN_COMPLETION.set(true);
        try {
            claimAndComplete.run();
            COMPLETED.incrementAndGet();
        } finally {
            IN_COMPLETION.set(false);
        }
    }

    static DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource);
    }

    private static <T> T proxy(Class<T> type, Object target) {
        return proxy(type, target, null);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, String sql) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                new Counting(target, sql));
    }

    private static void count(boolean roundTrip, int statements, boolean commit) {
        for (Tally tally : IN_COMPLETION.get() ? new Tally[] {ALL, COMPLETIONS} : new Tally[] {ALL}) {
            if (roundTrip) {
                tally.roundTrips.incrementAndGet();
            }
            tally.statements.addAndGet(statements);
            if (commit) {
                tally.commits.incrementAndGet();
            }
        }
    }

    /**
     * With {@code -Dbench.sqlHistogram=true}: how often each SQL text ran inside completions; with {@code =all}: on
     * every thread (the sealer's, the job executor's and after-commit work included).
     */
    private static final String HISTOGRAM_OF = System.getProperty("bench.sqlHistogram", "false");
    private static final boolean HISTOGRAM = HISTOGRAM_OF.equals("true") || HISTOGRAM_OF.equals("all");
    static final boolean HISTOGRAM_ALL_THREADS = HISTOGRAM_OF.equals("all");
    private static final java.util.Map<String, AtomicLong> BY_SQL = new java.util.concurrent.ConcurrentHashMap<>();

    /** With {@code -Dbench.sqlStacks=<part of a SQL text>}: where the first 40 such statements were sent from. */
    private static final String STACKS_OF = System.getProperty("bench.sqlStacks", "");
    private static final AtomicLong STACKS_SHOWN = new AtomicLong();

    static void clearHistogram() {
        BY_SQL.clear();
    }

    /**
     * The SQL texts run inside completions (or on all threads), per completion (or per lifecycle), most frequent
     * first, with their length in characters (the driver caches a statement's parse only up to
     * {@code prepStmtCacheSqlLimit}); only with {@code bench.sqlHistogram}.
     */
    static String histogram(long divisor) {
        StringBuilder out = new StringBuilder();
        BY_SQL.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .forEach(entry -> {
                    String text = entry.getKey().replaceAll("\\s+", " ");
                    out.append(String.format("%6.2f %7d  %s%n", entry.getValue().get() / (double) divisor,
                            entry.getKey().length(), text.substring(0, Math.min(160, text.length()))));
                });
        return out.toString();
    }

    private static final class Counting implements InvocationHandler {
        private final Object target;
        private final String sql;
        private int batched;

        Counting(Object target) {
            this(target, null);
        }

        Counting(Object target, String sql) {
            this.target = target;
            this.sql = sql;
        }

        private void histogram(String text) {
            if (HISTOGRAM && (HISTOGRAM_ALL_THREADS || IN_COMPLETION.get()) && text != null) {
                BY_SQL.computeIfAbsent(text, key -> new AtomicLong()).incrementAndGet();
                if (!STACKS_OF.isEmpty() && text.replaceAll("\\s+", " ").contains(STACKS_OF)
                        && STACKS_SHOWN.getAndIncrement() < 40) {
                    new Throwable("[bench] sent: " + text.replaceAll("\\s+", " ")).printStackTrace(System.out);
                }
            }
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return target;
            }
            if (name.equals("isWrapperFor") && args != null && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return true;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (target instanceof Statement) {
                if (name.equals("addBatch")) {
                    batched++;
                } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                    count(true, batched, false);
                    histogram("BATCH x" + batched + " " + sql);
                    batched = 0;
                } else if (name.startsWith("execute")) {
                    count(true, 1, false);
                    histogram(args != null && args.length > 0 && args[0] instanceof String text ? text : sql);
                }
            } else if (target instanceof Connection && name.equals("commit")) {
                count(true, 0, true);
                histogram("COMMIT");
            }
            String text = args != null && args.length > 0 && args[0] instanceof String given ? given : null;
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, statement, text);
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, statement, text);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement);
            }
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection);
            }
            return result;
        }
    }
}
