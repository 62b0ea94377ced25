package dev.outcrop.benchmarks.engine;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap this JVM used. Between two collections used heap only grows, so its peak is the largest "used before
 * GC" of any collection (summed over the heap's pools at that instant), or what is used now if that is more.
 * The largest "used after GC" bounds the live data from above (a young collection leaves old garbage in place).
 * The sum of each heap pool's own peak is printed too: an upper bound, as the pools peak at different times.
 */
final class HeapWatch {

    private final Set<String> heapPools;
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    HeapWatch() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        this.heapPools = pools.stream().filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                collections.incrementAndGet();
                peakBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
                maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
            }, null, null);
        }
    }

    private long heapUsed(Map<String, MemoryUsage> byPool) {
        return byPool.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** Heap used now. */
    static long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The peak of heap used so far. */
    long peak() {
        return Math.max(peakBeforeGc.get(), usedNow());
    }

    long maxAfterGc() {
        return maxAfterGc.get();
    }

    long collections() {
        return collections.get();
    }

    /** The sum of the heap pools' own peaks (an upper bound of the peak). */
    static long sumOfPoolPeaks() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
