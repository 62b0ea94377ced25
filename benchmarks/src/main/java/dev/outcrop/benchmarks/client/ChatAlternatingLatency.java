package dev.outcrop.benchmarks.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link ChatModelBenchmark}'s three chat calls (ours, LangChain4j, Spring AI) measured in turns, so that all
 * see the same machine load; see {@link AlternatingLatency}. Ratios are to ours. The same Converse call on a bare
 * async (Netty) and a bare sync (Apache, what both frameworks use) SDK client tells the cost of the framework
 * from the cost of the HTTP client model.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.outcrop.benchmarks.client.ChatAlternatingLatency [seconds]
 * </pre>
 */
public final class ChatAlternatingLatency {

    private ChatAlternatingLatency() {
    }

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ChatModelBenchmark models = new ChatModelBenchmark();
        models.start();
        try {
            Map<String, Supplier<String>> calls = new LinkedHashMap<>();
            calls.put("outcrop", models::outcrop);
            calls.put("langChain4j", models::langChain4j);
            calls.put("springAi", models::springAi);
            calls.put("bareAsyncSdk", models::bareAsyncSdk);
            calls.put("bareSyncSdk", models::bareSyncSdk);
            AlternatingLatency.report(calls, seconds, "outcrop");
        }
        finally {
            models.stop();
        }
    }
}
