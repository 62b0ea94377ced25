package dev.outcrop.vertx;

import dev.outcrop.catalog.spi.CatalogContext;
import dev.outcrop.catalog.spi.CatalogProviders;
import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.core.Outcrop;
import dev.outcrop.core.security.ResealProgress;
import dev.outcrop.core.security.SealingKeys;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar outcrop-server.jar reseal [--config FILE]}: seals every location again with the primary
 * sealing key, reading the catalog and the keys from the same settings as the server. It prints its progress
 * and ends with status 0 when every location is sealed with the primary key (the older keys may then be
 * removed), 1 when some are not (it names them), 2 for bad usage. Safe to run while servers serve, and to
 * run again.
 */
final class ResealCommand {

    static final String USAGE = """
            Usage: java -jar outcrop-server.jar reseal [--config FILE]

              Seals every location again with the primary (first) key of outcrop.sealing-keys, so that the
              other keys can be removed. Reads outcrop.catalog.* and outcrop.sealing-keys from FILE and from
              OUTCROP_* environment variables, as the server does. Safe to run while servers serve, and to rerun.
            """;

    private ResealCommand() {
    }

    /** Runs the command and returns the process's exit status. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Map<String, String> properties = new HashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> {
                        if (++i >= args.length) {
                            throw new IllegalArgumentException("--config needs a value");
                        }
                        properties.putAll(Main.load(Path.of(args[i])));
                    }
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            properties.putAll(Main.fromEnvironment(environment));
        }
        catch (IllegalArgumentException e) {
            err.println("outcrop-server reseal: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (CatalogStore catalog = DeploymentModule.openCatalog(properties);
             Outcrop outcrop = Outcrop.builder().catalog(catalog)
                     .sealingKeys(SealingKeys.parse(properties.get(DeploymentModule.SEALING_KEYS)))
                     .statementParser(sql -> { throw new UnsupportedOperationException("the re-seal runs no SQL"); })
                     .build()) {
            ResealProgress done = outcrop.resealLocations(progress -> out.println(progress.summary()));
            return done.complete() ? 0 : 1;
        }
        catch (RuntimeException e) {
            err.println("outcrop-server reseal: " + e.getMessage());
            return 1;
        }
    }
}
