package dev.outcrop.benchmarks.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time this process's JIT compiler threads have used, from {@code /proc/self/task} (Linux; 0 elsewhere). On two
 * shared cores the JIT is still compiling long after a warm-up: its CPU is a cost per second, not per request, so
 * dividing it by the requests of a slow phase inflates "CPU per request" without saying anything of the request's
 * path. Reported apart, it lets runs on a busy machine be compared.
 */
final class CompilerCpu {

    /** USER_HZ, which is 100 on every Linux this runs on: /proc reports times in these ticks. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CompilerCpu() {
    }

    static long nanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                ticks += compilerTicks(thread);
            }
        }
        catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long compilerTicks(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String name = stat.substring(open + 1, close);
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            // After the name: state is field 3, utime and stime are fields 14 and 15.
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException e) {
            return 0; // the thread ended while it was read
        }
    }
}
