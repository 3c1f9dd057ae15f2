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

    record Reading(long busyTicks, long totalTicks, Map<String, Long> ticksByGroup) {
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
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .forEach(p -> addProcess(p, groups));
            }
            return new Reading(total - idle, total, groups);
        } catch (IOException | RuntimeException e) {
            return new Reading(0, 0, Map.of()); // not Linux, or /proc unreadable: no CPU figures
        }
    }

    private static void addProcess(Path process, Map<String, Long> groups) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
            String group = groupOf(stat, command, process.getFileName().toString());
            if (group != null) {
                // fields after the ")" that ends the command name: utime and stime are the 12th and 13th
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                groups.merge(group, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            // the process ended while being read
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
        return out.append(String.format(" total %.1f%n", sum)).toString();
    }
}
