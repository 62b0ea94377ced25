package dev.outcrop.benchmarks.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A snapshot of what this process's threads have spent, from {@code /proc/self/task} (Linux): CPU by thread name
 * (compiler and GC threads included, which no Java API lists) and context switches, plus the bytes the live Java
 * threads allocated. Two snapshots around a measured phase, divided by its requests, say where a request's CPU goes
 * and how many thread wake-ups it causes; both hold on a machine that other work keeps busy, where rates do not.
 */
record ThreadCosts(Map<String, Long> cpuNanosByThread, long voluntarySwitches, long involuntarySwitches, long allocatedBytes) {

    /** USER_HZ, 100 on every Linux this runs on: /proc gives CPU times in these ticks. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    static ThreadCosts now() {
        Map<String, Long> cpu = new HashMap<>();
        long voluntary = 0;
        long involuntary = 0;
        Path tasks = Path.of("/proc/self/task");
        if (Files.isDirectory(tasks)) {
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path thread : (Iterable<Path>) threads::iterator) {
                    try {
                        String stat = Files.readString(thread.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        cpu.put(thread.getFileName() + "|" + name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK);
                        List<String> status = Files.readAllLines(thread.resolve("status"));
                        voluntary += field(status, "voluntary_ctxt_switches:");
                        involuntary += field(status, "nonvoluntary_ctxt_switches:");
                    }
                    catch (IOException | RuntimeException e) {
                        // The thread ended while it was read.
                    }
                }
            }
            catch (IOException e) {
                // No /proc: CPU by thread and switches stay empty.
            }
        }
        return new ThreadCosts(cpu, voluntary, involuntary, allocated());
    }

    /** CPU since {@code before}, summed by thread name with digits folded ({@code vert.x-eventloop-thread-#}). */
    Map<String, Long> cpuByGroupSince(ThreadCosts before) {
        Map<String, Long> groups = new HashMap<>();
        cpuNanosByThread.forEach((thread, nanos) -> {
            long spent = nanos - before.cpuNanosByThread.getOrDefault(thread, 0L);
            if (spent > 0) {
                String name = thread.substring(thread.indexOf('|') + 1).replaceAll("[0-9]+", "#").strip();
                groups.merge(name, spent, Long::sum);
            }
        });
        return groups;
    }

    private static long field(List<String> status, String name) {
        for (String line : status) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).strip());
            }
        }
        return 0;
    }

    private static long allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }
}
