package org.secflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (all its threads: workers, sealer, job executor, JIT, GC) and by the local database
 * server's process: what a lifecycle costs, beside how fast it ran. Meant to be steadier than wall time on a shared
 * machine; on this project's VM it was not (README "Round six"), so the report gives both.
 */
final class CpuTime {

    /** Linux reports a process's CPU time in clock ticks of 1/100 s (USER_HZ, the same on every architecture). */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path DATABASE_STAT = databaseServer();

    record Sample(long jvmNanos, long databaseNanos) {
        Sample minus(Sample earlier) {
            return new Sample(jvmNanos - earlier.jvmNanos, databaseNanos - earlier.databaseNanos);
        }
    }

    private CpuTime() {
    }

    static Sample now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new Sample(jvm, databaseNanos());
    }

    /** Whether the database server's CPU time is counted (a local MariaDB or MySQL server; H2 runs inside the JVM). */
    static boolean databaseCounted() {
        return DATABASE_STAT != null;
    }

    private static long databaseNanos() {
        if (DATABASE_STAT == null) {
            return 0;
        }
        try {
            String stat = Files.readString(DATABASE_STAT);
            // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Path databaseServer() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            String command = Files.readString(p.resolve("comm")).trim();
                            return command.equals("mariadbd") || command.equals("mysqld");
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .map(p -> p.resolve("stat")).findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
