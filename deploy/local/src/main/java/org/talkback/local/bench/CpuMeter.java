package org.talkback.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time spent during a run, from Linux's /proc: the whole machine's busy share, and CPU time per process group
 * (each service, PostgreSQL, the benchmark itself). Latency on a shared two-core machine means little without
 * knowing whether the cores were saturated; CPU per comment is the figure that moves when code gets cheaper.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    /** {@code jitTicks}: the part of the services' ticks their JIT compiler threads spent (C1 and C2). */
    record Reading(long busyTicks, long totalTicks, Map<String, Long> ticksByGroup, long jitTicks) {
    }

    static Reading read() {
        try {
            long[] machine = Stream.of(Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+"))
                    .skip(1).mapToLong(Long::parseLong).toArray();
            long total = 0;
            for (long ticks : machine) {
                total += ticks;
            }
            long idle = machine[3] + machine[4]; // idle + iowait
            Map<String, Long> groups = new TreeMap<>();
            long[] jit = {0};
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(p -> addProcess(p, groups, jit));
            }
            return new Reading(total - idle, total, groups, jit[0]);
        } catch (IOException | RuntimeException e) {
            return new Reading(0, 0, Map.of(), 0); // not Linux, or /proc unreadable: no CPU figures
        }
    }

    private static void addProcess(Path process, Map<String, Long> groups, long[] jit) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // A service runs in its own folder (services/NAME/target/quarkus-app), so that names it with the command.
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    + " " + workingDirectory(process);
            String group = groupOf(stat, command, process.getFileName().toString());
            if (group != null) {
                // fields after the ")" that ends the command name: utime and stime are the 12th and 13th
                groups.merge(group, ticksOf(stat), Long::sum);
                if (!group.equals("PostgreSQL") && !group.equals("benchmark")) {
                    jit[0] += compilerTicks(process);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while being read
        }
    }

    /** utime + stime: the 12th and 13th fields after the ")" that ends the command name. */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * What a JVM's compiler threads ("C1 CompilerThre…", "C2 CompilerThre…") have spent: minutes after a start they
     * can still be a large share of a service's CPU. A compiler thread the JVM retired meanwhile is not counted.
     */
    private static long compilerTicks(Path process) {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(thread.resolve("stat"));
                    if (stat.contains("(C1 CompilerThre") || stat.contains("(C2 CompilerThre")) {
                        ticks += ticksOf(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while being read
        }
        return ticks;
    }

    private static String workingDirectory(Path process) {
        try {
            return Files.readSymbolicLink(process.resolve("cwd")) + "/";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String groupOf(String stat, String command, String pid) {
        if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
            return "benchmark";
        }
        for (String service : List.of("comment-intake", "spam-check", "publication")) {
            if (command.contains("services/" + service + "/")) {
                return service;
            }
        }
        return stat.contains("(postgres)") ? "PostgreSQL" : null;
    }

    /** "machine 45 % busy; ms of CPU per comment: intake 3.1, ..." for the interval between two readings. */
    static String describe(Reading before, Reading after, int units, String unit) {
        if (after.totalTicks() == 0 || units == 0) {
            return "  (no CPU figures)\n";
        }
        double busy = 100.0 * (after.busyTicks() - before.busyTicks()) / (after.totalTicks() - before.totalTicks());
        StringBuilder out = new StringBuilder(String.format("  CPU: machine %.0f %% busy; ms of CPU per %s:", busy, unit));
        double sum = 0;
        for (Map.Entry<String, Long> group : after.ticksByGroup().entrySet()) {
            long ticks = group.getValue() - before.ticksByGroup().getOrDefault(group.getKey(), 0L);
            double perUnit = ticks / TICKS_PER_SECOND * 1000 / units;
            sum += perUnit;
            out.append(String.format(" %s %.1f,", group.getKey(), perUnit));
        }
        double jit = (after.jitTicks() - before.jitTicks()) / TICKS_PER_SECOND * 1000 / units;
        return out.append(String.format(" total %.1f (of the services' share, their JIT compilers %.1f)%n", sum, jit))
                .toString();
    }
}
