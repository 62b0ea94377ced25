package dev.outcrop.benchmarks.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a wrk Lua script that replays one pre-signed InvokeModel request, for measuring the emulator with a load
 * generator that is not itself the bottleneck:
 *
 * <pre>
 * java -cp ... dev.outcrop.benchmarks.emulator.WrkScript http://127.0.0.1:8787 /tmp/invoke.lua
 * wrk -t1 -c64 -d10s -s /tmp/invoke.lua http://127.0.0.1:8787
 * </pre>
 * Run wrk within 15 minutes of writing the script (the signature's clock-skew window).
 */
public final class WrkScript {
    private WrkScript() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8787");
        Path out = Path.of(args.length > 1 ? args[1] : "invoke.lua");
        PreSignedInvoke request = PreSignedInvoke.create(endpoint);
        StringBuilder lua = new StringBuilder();
        lua.append("wrk.method = \"POST\"\n");
        lua.append("wrk.path = \"").append(request.path()).append("\"\n");
        lua.append("wrk.body = ").append(luaString(new String(request.body(), StandardCharsets.UTF_8))).append('\n');
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            lua.append("wrk.headers[").append(luaString(h.getKey())).append("] = ")
                    .append(luaString(h.getValue())).append('\n');
        }
        // Count non-200 answers (each wrk thread has its own Lua state) so a run with refused signatures cannot
        // pass for a fast one.
        lua.append("local threads = {}\n");
        lua.append("function setup(thread) table.insert(threads, thread) end\n");
        lua.append("function init(args) errors = 0 end\n");
        lua.append("function response(status, headers, body) if status ~= 200 then errors = errors + 1 end end\n");
        lua.append("function done(summary, latency, requests)\n");
        lua.append("  local total = 0\n");
        lua.append("  for _, t in ipairs(threads) do total = total + t:get(\"errors\") end\n");
        lua.append("  io.write(\"non-200 responses: \" .. total .. \"\\n\")\n");
        lua.append("end\n");
        Files.writeString(out, lua.toString());
        System.out.println("wrote " + out + " for " + endpoint);
    }

    private static String luaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
