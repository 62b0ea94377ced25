package dev.outcrop.benchmarks.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts, instead of printing, the warnings Netty logs (through java.util.logging) when an exception reaches the
 * end of a channel pipeline, such as the SDK's {@code IOException: Request cancelled}: a throttled run can log
 * hundreds of them, each with a full stack trace. The first one is printed, so that what they are stays visible.
 */
final class NettyWarnings {

    private static final Logger PIPELINE = Logger.getLogger("io.netty.channel.DefaultChannelPipeline");
    private static final AtomicLong COUNT = new AtomicLong();

    private NettyWarnings() {
    }

    static void install() {
        PIPELINE.setUseParentHandlers(false);
        PIPELINE.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && COUNT.incrementAndGet() == 1) {
                    System.out.println("first Netty pipeline warning (the rest are counted): " + record.getMessage()
                            + (record.getThrown() == null ? "" : " " + record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    static long count() {
        return COUNT.get();
    }
}
