package dev.outcrop.benchmarks.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of the harnesses' mains, each with a default; an unknown name is refused. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        Set<String> known = defaults.keySet();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name) || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: " + usage(defaults) + " (got '" + args[i] + "')");
            }
            values.put(name, args[++i]);
        }
    }

    private static String usage(Map<String, String> defaults) {
        StringBuilder usage = new StringBuilder();
        defaults.forEach((name, value) -> usage.append("[--").append(name).append(' ').append(value).append("] "));
        return usage.toString().trim();
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name).replace("_", ""));
    }

    double decimal(String name) {
        return Double.parseDouble(values.get(name));
    }

    String text(String name) {
        return values.get(name);
    }
}
