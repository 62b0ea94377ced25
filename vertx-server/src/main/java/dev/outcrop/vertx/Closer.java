package dev.outcrop.vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what the server opened, in reverse order of opening. Guice manages no lifecycles, so every
 * provider that opens something registers it here, and whoever started the server closes this.
 */
public final class Closer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Closer.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            }
            catch (Exception e) {
                // Keep closing the rest; a failure to close one thing must not leak the others.
                log.warn("Could not close {}", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
