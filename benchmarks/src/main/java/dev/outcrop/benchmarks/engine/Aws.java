package dev.outcrop.benchmarks.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outcrop.benchmarks.client.EmulatorProcess;
import dev.outcrop.bedrock.emulator.BedrockEmulator;
import dev.outcrop.bedrock.emulator.EmulatorConfig;
import dev.outcrop.bedrock.emulator.FaultSpec;
import dev.outcrop.bedrock.emulator.RecordedCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * "AWS" for the engine harnesses: the Bedrock emulator, either in this JVM or in a process of its own (so that
 * its CPU is not counted as the engine's, and its heap not as the engine's memory). Faults and counts go through
 * the emulator's Java API in process, and through its admin API ({@code /_emulator/...}) out of process.
 */
abstract class Aws implements AutoCloseable {

    /** InvokeModel calls the emulator answered since the last {@link #clearCalls()}. */
    record Calls(long total, long succeeded, long throttled, long other, boolean complete) {
        @Override
        public String toString() {
            return "InvokeModel answered " + total + ": " + succeeded + " succeeded, " + throttled + " throttled, " + other + " other"
                    + (complete ? "" : " (the call log was trimmed: counts of outcomes are partial)");
        }
    }

    abstract URI endpoint();

    /** Every model gets this latency, throttle rate and requests-per-second limit (0: none). */
    abstract void faults(Duration latency, double throttleRate, int maxRequestsPerSecond);

    abstract void clearCalls();

    abstract Calls invokeModelCalls();

    /** Connections the emulator accepted since it started. */
    abstract long connectionsOpened();

    /** CPU time the emulator used so far, when it runs in a process of its own; else -1. */
    abstract long cpuNanos();

    abstract String describe();

    @Override
    public abstract void close();

    /**
     * @param outOfProcess whether to run it in its own JVM
     * @param callLogLimit how many calls its log keeps: enough for {@link #invokeModelCalls()} to be complete
     * @param eventLoops its Vert.x event loops
     */
    static Aws start(boolean outOfProcess, int callLogLimit, int eventLoops) {
        if (outOfProcess) {
            String config = "{\"port\": 0, \"callLogLimit\": " + callLogLimit + ", \"eventLoops\": " + eventLoops + ", \"seed\": 42}";
            return new OutOfProcess(EmulatorProcess.start(config, "-Xmx1g"));
        }
        return new InProcess(BedrockEmulator.start(EmulatorConfig.defaults().toBuilder().port(0).callLogLimit(callLogLimit)
                .eventLoops(eventLoops).seed(42).build()));
    }

    private static final class InProcess extends Aws {
        private final BedrockEmulator emulator;

        InProcess(BedrockEmulator emulator) {
            this.emulator = emulator;
        }

        @Override
        URI endpoint() {
            return emulator.endpoint();
        }

        @Override
        void faults(Duration latency, double throttleRate, int maxRequestsPerSecond) {
            emulator.faults().setAll(FaultSpec.builder().latency(latency).throttleRate(throttleRate).maxRequestsPerSecond(maxRequestsPerSecond).build());
        }

        @Override
        void clearCalls() {
            emulator.clearCalls();
        }

        @Override
        Calls invokeModelCalls() {
            List<RecordedCall> calls = emulator.calls("InvokeModel");
            long total = emulator.callCount("InvokeModel");
            long succeeded = calls.stream().filter(RecordedCall::succeeded).count();
            long throttled = calls.stream().filter(call -> "ThrottlingException".equals(call.errorType())).count();
            return new Calls(total, succeeded, throttled, calls.size() - succeeded - throttled, calls.size() == total);
        }

        @Override
        long connectionsOpened() {
            return emulator.connectionsOpened();
        }

        @Override
        long cpuNanos() {
            return -1;
        }

        @Override
        String describe() {
            return "emulator in this JVM (" + emulator.config().eventLoops() + " event loop(s))";
        }

        @Override
        public void close() {
            emulator.close();
        }
    }

    private static final class OutOfProcess extends Aws {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final EmulatorProcess process;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        OutOfProcess(EmulatorProcess process) {
            this.process = process;
        }

        @Override
        URI endpoint() {
            return process.endpoint();
        }

        @Override
        void faults(Duration latency, double throttleRate, int maxRequestsPerSecond) {
            admin("DELETE", "faults", null);
            admin("POST", "faults", "{\"model\": \"*\", \"latencyMs\": " + latency.toMillis() + ", \"throttleRate\": " + throttleRate
                    + ", \"maxRequestsPerSecond\": " + maxRequestsPerSecond + "}");
        }

        @Override
        void clearCalls() {
            admin("DELETE", "calls", null);
        }

        @Override
        Calls invokeModelCalls() {
            try {
                long total = JSON.readTree(admin("GET", "stats", null)).path("operations").path("InvokeModel").asLong();
                long logged = 0;
                long succeeded = 0;
                long throttled = 0;
                HttpResponse<InputStream> response = http.send(request("GET", "calls", null), HttpResponse.BodyHandlers.ofInputStream());
                // The log may hold tens of thousands of calls: read it as a stream, keeping only the counts.
                try (JsonParser parser = new JsonFactory().createParser(response.body())) {
                    parser.setCodec(JSON);
                    if (parser.nextToken() != JsonToken.START_ARRAY) {
                        throw new IllegalStateException("the emulator's call log is not a JSON array");
                    }
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode call = parser.readValueAsTree();
                        if (!"InvokeModel".equals(call.path("operation").asText())) {
                            continue;
                        }
                        logged++;
                        if (call.path("status").asInt() == 200) {
                            succeeded++;
                        }
                        else if ("ThrottlingException".equals(call.path("errorType").asText())) {
                            throttled++;
                        }
                    }
                }
                return new Calls(total, succeeded, throttled, logged - succeeded - throttled, logged == total);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        long connectionsOpened() {
            try {
                return JSON.readTree(admin("GET", "stats", null)).path("connectionsOpened").asLong();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        long cpuNanos() {
            return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
        }

        @Override
        String describe() {
            return "emulator in its own JVM (pid " + process.pid() + ")";
        }

        private HttpRequest request(String method, String resource, String body) {
            return HttpRequest.newBuilder(process.endpoint().resolve("/_emulator/" + resource))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("content-type", "application/json")
                    .build();
        }

        private String admin(String method, String resource, String body) {
            try {
                HttpResponse<String> response = http.send(request(method, resource, body), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(method + " /_emulator/" + resource + " answered " + response.statusCode() + ": " + response.body());
                }
                return response.body();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** CPU time this JVM used so far. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
