package dev.outcrop.benchmarks.catalog;

import dev.outcrop.catalog.jdbc.JdbcCatalogConfig;
import dev.outcrop.catalog.jdbc.JdbcCatalogProvider;
import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.SealedSecret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The location lookup made on every AI call, three ways, in one run:
 * <ul>
 *   <li>{@code baselineMapGet}: a {@link ConcurrentHashMap#get}, the floor any cache is measured against;</li>
 *   <li>{@code cachedLookup}: {@code findLocation} through the JDBC store's read cache, warm (it polls the
 *       change sequence once per second, which this includes);</li>
 *   <li>{@code uncachedLookup}: {@code findLocation} on the JDBC store with the cache off: one query.</li>
 * </ul>
 * {@code database} picks the store: in-memory H2, or PostgreSQL at {@code OUTCROP_BENCH_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}) in a schema made for the run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CatalogLookup -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CatalogLookupBenchmark {

    private static final String ACCOUNT = "acme";
    private static final int LOCATIONS = 64;

    @Param({"h2", "postgres"})
    public String database;

    private final String[] names = new String[LOCATIONS];
    private final ConcurrentHashMap<String, LocationRecord> baseline = new ConcurrentHashMap<>();
    private CatalogStore cached;
    private CatalogStore uncached;
    private String url;
    private String schema;

    /** Each thread walks the names in turn, so the lookups are not one constant the JIT could fold. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() {
        JdbcCatalogConfig.Builder config = JdbcCatalogConfig.builder();
        if (database.equals("postgres")) {
            url = env("OUTCROP_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            schema = "outcrop_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            config.url(url).user(env("OUTCROP_BENCH_PG_USER", "postgres")).schema(schema);
        }
        else {
            url = "jdbc:h2:mem:bench_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
            config.url(url);
        }
        uncached = JdbcCatalogProvider.open(config.cacheMaxStaleness(Duration.ZERO).build(), CatalogContext.defaults());
        cached = JdbcCatalogProvider.open(config.cacheMaxStaleness(Duration.ofSeconds(1)).build(), CatalogContext.defaults());
        for (int i = 0; i < LOCATIONS; i++) {
            names[i] = "location_" + i;
            LocationRecord stored = uncached.createLocation(new LocationRecord(UUID.randomUUID().toString(), ACCOUNT, names[i],
                    "AMAZON_BEDROCK", null, null, null, "owner", Instant.now(), new SealedSecret("k1", "c2VhbGVk".repeat(20)), 1));
            baseline.put(names[i], stored);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        cached.close();
        uncached.close();
        try (Connection connection = database.equals("postgres")
                ? DriverManager.getConnection(url, env("OUTCROP_BENCH_PG_USER", "postgres"), null)
                : DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(database.equals("postgres") ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE" : "SHUTDOWN");
        }
    }

    @Benchmark
    public LocationRecord baselineMapGet(Cursor cursor) {
        return baseline.get(names[cursor.next++ & (LOCATIONS - 1)]);
    }

    @Benchmark
    public Optional<LocationRecord> cachedLookup(Cursor cursor) {
        return cached.findLocation(ACCOUNT, names[cursor.next++ & (LOCATIONS - 1)]);
    }

    @Benchmark
    public Optional<LocationRecord> uncachedLookup(Cursor cursor) {
        return uncached.findLocation(ACCOUNT, names[cursor.next++ & (LOCATIONS - 1)]);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
