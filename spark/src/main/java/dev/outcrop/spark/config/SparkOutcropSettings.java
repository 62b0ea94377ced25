package dev.outcrop.spark.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code spark.outcrop.*} settings of a Spark application, as every JVM of the application (driver and
 * executors) reads them from its Spark conf. They name the same things as the server's {@code outcrop.*}
 * settings (docs/configuration.md), with {@code spark.} in front:
 * <ul>
 *   <li>{@code spark.outcrop.account}, {@code spark.outcrop.principal} (required): who the job's calls run as;
 *       the principal needs USAGE on the locations the job names, and the account's budget pays;</li>
 *   <li>{@code spark.outcrop.catalog.provider} (default {@code jdbc}) and {@code spark.outcrop.catalog.*}:
 *       the shared catalog, passed to the provider without the {@code spark.outcrop.catalog.} prefix
 *       ({@code jdbc.url}, {@code jdbc.user}, {@code jdbc.password}, {@code jdbc.schema});</li>
 *   <li>{@code spark.outcrop.secret.sealing-keys}, or the environment variable {@code OUTCROP_SEALING_KEYS}:
 *       the keys the servers on this catalog seal credentials with ({@code secret} in the name makes Spark
 *       redact it in its UI and logs);</li>
 *   <li>{@code spark.outcrop.bedrock.*} and {@code spark.outcrop.sts.*}: the AWS clients (region, endpoint
 *       override, concurrency), as {@code outcrop.bedrock.*} for the server;</li>
 *   <li>{@code spark.outcrop.rows-per-statement} (default 2048): how many rows of a partition one core
 *       statement computes; two run at a time per task, so calls continue while a batch is handed to Spark;</li>
 *   <li>{@code spark.outcrop.answer-memo.max-bytes} (default 64 MiB) and {@code spark.outcrop.answer-memo.idle-ms}
 *       (default 60000): the bound of each JVM's memo of a query's answers, which makes identical calls of one
 *       query share one call across batches, tasks and partitions in that JVM, and how long after its last task
 *       in the JVM a query's answers are dropped (0 bytes: only calls in flight are shared).</li>
 * </ul>
 * Equal settings give equal values, which is how one JVM shares one runtime between its tasks.
 */
public record SparkOutcropSettings(Map<String, String> values) {

    public static final String PREFIX = "spark.outcrop.";
    public static final String ACCOUNT = "spark.outcrop.account";
    public static final String PRINCIPAL = "spark.outcrop.principal";
    public static final String CATALOG_PROVIDER = "spark.outcrop.catalog.provider";
    public static final String CATALOG_PREFIX = "spark.outcrop.catalog.";
    public static final String SEALING_KEYS = "spark.outcrop.secret.sealing-keys";
    public static final String SEALING_KEYS_ENVIRONMENT_VARIABLE = "OUTCROP_SEALING_KEYS";
    public static final String ROWS_PER_STATEMENT = "spark.outcrop.rows-per-statement";
    public static final int DEFAULT_ROWS_PER_STATEMENT = 2048;
    public static final String DEFAULT_CATALOG_PROVIDER = "jdbc";
    public static final String ANSWER_MEMO_MAX_BYTES = "spark.outcrop.answer-memo.max-bytes";
    public static final String ANSWER_MEMO_IDLE_MS = "spark.outcrop.answer-memo.idle-ms";
    public static final long DEFAULT_ANSWER_MEMO_MAX_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_ANSWER_MEMO_IDLE_MS = 60_000;

    public SparkOutcropSettings {
        requireNonNull(values, "values is null");
        Map<String, String> ours = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                ours.put(key, value);
            }
        });
        values = Map.copyOf(ours);
    }

    /** The {@code spark.outcrop.*} entries of a Spark conf's entries; others are left out. */
    public static SparkOutcropSettings of(Map<String, String> sparkConf) {
        return new SparkOutcropSettings(sparkConf);
    }

    public String account() {
        return required(ACCOUNT);
    }

    public String principal() {
        return required(PRINCIPAL);
    }

    public String catalogProvider() {
        return values.getOrDefault(CATALOG_PROVIDER, DEFAULT_CATALOG_PROVIDER).trim();
    }

    /** The catalog provider's own settings: {@code spark.outcrop.catalog.jdbc.url} becomes {@code jdbc.url}. */
    public Map<String, String> catalogConfig() {
        Map<String, String> config = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(CATALOG_PREFIX) && !key.equals(CATALOG_PROVIDER)) {
                config.put(key.substring(CATALOG_PREFIX.length()), value);
            }
        });
        return config;
    }

    /** The AWS clients' settings, as the server names them: {@code spark.outcrop.bedrock.region} becomes {@code outcrop.bedrock.region}. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("spark.outcrop.bedrock.") || key.startsWith("spark.outcrop.sts.")) {
                properties.put(key.substring("spark.".length()), value);
            }
        });
        return properties;
    }

    /** The sealing keys' text, from the conf or else the environment; null when neither has them. */
    public String sealingKeys() {
        String fromConf = values.get(SEALING_KEYS);
        return fromConf != null && !fromConf.isBlank() ? fromConf : System.getenv(SEALING_KEYS_ENVIRONMENT_VARIABLE);
    }

    public int rowsPerStatement() {
        String text = values.get(ROWS_PER_STATEMENT);
        if (text == null) {
            return DEFAULT_ROWS_PER_STATEMENT;
        }
        try {
            int rows = Integer.parseInt(text.trim());
            if (rows >= 1) {
                return rows;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ROWS_PER_STATEMENT + " must be a whole number of rows, 1 or more, but was '" + text + "'");
    }

    /** The bound on the heap each JVM's memo of answers holds, in (estimated) bytes. */
    public long answerMemoMaxBytes() {
        return nonNegative(ANSWER_MEMO_MAX_BYTES, DEFAULT_ANSWER_MEMO_MAX_BYTES, "bytes");
    }

    /** How long a query's answers stay in a JVM after its last task there, in milliseconds. */
    public long answerMemoIdleMillis() {
        return nonNegative(ANSWER_MEMO_IDLE_MS, DEFAULT_ANSWER_MEMO_IDLE_MS, "milliseconds");
    }

    private long nonNegative(String key, long defaultValue, String unit) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a whole number of " + unit + ", 0 or more, but was '" + text + "'");
    }

    private String required(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Spark setting " + key + " is required: pass --conf " + key + "=<name> to spark-submit"
                    + " (see docs/spark.md)");
        }
        return value.trim();
    }

    /** Never the values: the conf holds the sealing keys and the catalog's password. */
    @Override
    public String toString() {
        return "SparkOutcropSettings" + values.keySet();
    }
}
