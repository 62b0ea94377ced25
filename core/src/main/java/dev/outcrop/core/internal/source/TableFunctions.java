package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.concurrent.Futures;
import dev.outcrop.core.internal.credentials.CredentialResolver;
import dev.outcrop.core.internal.credentials.ResolvedLocation;
import dev.outcrop.core.internal.expr.ExpressionCompiler;
import dev.outcrop.core.internal.expr.FunctionCompiler;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.plan.StatementContext;
import dev.outcrop.core.location.LocationSource;
import dev.outcrop.core.port.AwsCredentials;
import dev.outcrop.core.port.ObjectStorage;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The table-valued functions of FROM, with Firebolt's names and parameters: {@code READ_CSV},
 * {@code READ_JSON} (JSON Lines) and {@code GENERATE_SERIES}. Files are opened (and a CSV header read)
 * while planning, on the blocking executor, so that a missing file fails the statement before any model
 * call; their rows are then read on that executor as the statement consumes them.
 */
public final class TableFunctions {

    private static final Set<String> CSV_PARAMETERS = Set.of("URL", "LOCATION", "PATTERN", "COMPRESSION", "HEADER", "DELIMITER", "QUOTE",
            "ESCAPE", "NULL_STRING", "SKIP_BLANK_LINES", "EMPTY_FIELD_AS_NULL");
    private static final Set<String> JSON_PARAMETERS = Set.of("URL", "LOCATION", "PATTERN", "COMPRESSION");
    private static final Set<String> SERIES_PARAMETERS = Set.of("START", "STOP", "STEP");

    /** Where sources are read: the user files directory, and S3 through locations (both optional). */
    public record Sources(UserFiles userFiles, ObjectStorage storage, CredentialResolver credentials) {
    }

    private final Map<String, FunctionCompiler> functions;
    private final UserFiles userFiles;
    private final ObjectStorage storage;
    private final CredentialResolver credentials;
    private final Executor executor;

    public TableFunctions(Map<String, FunctionCompiler> functions, Sources sources, Executor executor) {
        this.functions = functions;
        this.userFiles = sources.userFiles();
        this.storage = sources.storage();
        this.credentials = sources.credentials();
        this.executor = executor;
    }

    /** Plans the function: checks its arguments, opens its input, and returns its columns and rows. */
    public Source open(Relation.TableFunction relation, StatementContext context, int rowsAhead, long maxRows) {
        String name = relation.call().name().value().toLowerCase(Locale.ROOT);
        String alias = relation.alias() != null ? relation.alias().value() : name;
        ExpressionCompiler constants = new ExpressionCompiler(Scope.EMPTY, functions, context);
        return switch (name) {
            case "generate_series" -> series(new ConstantArguments(relation.call(), constants, List.of("START", "STOP", "STEP"), SERIES_PARAMETERS), alias);
            case "read_csv" -> csv(new ConstantArguments(relation.call(), constants, List.of("URL"), CSV_PARAMETERS), alias, context, rowsAhead, maxRows);
            case "read_json" -> json(new ConstantArguments(relation.call(), constants, List.of("URL"), JSON_PARAMETERS), alias, context, rowsAhead, maxRows);
            default -> throw new OutcropException(OutcropErrorCode.UNKNOWN_FUNCTION, "there is no table-valued function " + name.toUpperCase(Locale.ROOT)
                    + "; FROM can read READ_CSV(...), READ_JSON(...) and GENERATE_SERIES(...)");
        };
    }

    private Source series(ConstantArguments arguments, String alias) {
        Long start = arguments.whole("START");
        Long stop = arguments.whole("STOP");
        Long step = arguments.whole("STEP");
        if (start == null || stop == null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "GENERATE_SERIES needs a start and a stop, as in GENERATE_SERIES(1, 10)");
        }
        long by = step == null ? 1 : step;
        if (by == 0) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "GENERATE_SERIES's step must not be 0");
        }
        Scope scope = new Scope(alias, List.of("generate_series"), List.of(ScalarType.BIGINT));
        return new Source(scope, InputRows.of(new SeriesIterator(start, stop, by)));
    }

    private Source csv(ConstantArguments arguments, String alias, StatementContext context, int rowsAhead, long maxRows) {
        CsvOptions options = new CsvOptions(
                arguments.bool("HEADER", false),
                arguments.character("DELIMITER", ','),
                arguments.character("QUOTE", '"'),
                arguments.character("ESCAPE", arguments.character("QUOTE", '"')),
                arguments.text("NULL_STRING", null),
                arguments.bool("SKIP_BLANK_LINES", false),
                arguments.bool("EMPTY_FIELD_AS_NULL", true));
        return read(arguments, "READ_CSV", alias, context, rowsAhead, maxRows, (name, text) -> {
            CsvReader reader = new CsvReader(name, text, options);
            return new ConcatenatedReader.Opened(reader.readHeader(), reader);
        });
    }

    private Source json(ConstantArguments arguments, String alias, StatementContext context, int rowsAhead, long maxRows) {
        return read(arguments, "READ_JSON", alias, context, rowsAhead, maxRows, (name, text) -> {
            JsonLinesReader reader = new JsonLinesReader(name, text);
            return new ConcatenatedReader.Opened(reader.readColumns(), reader);
        });
    }

    /** Finds the files or objects, opens the first (its columns are the relation's), and streams them all in order. */
    private Source read(ConstantArguments arguments, String function, String alias, StatementContext context, int rowsAhead, long maxRows,
                        ConcatenatedReader.Format format) {
        String compression = arguments.text("COMPRESSION", null);
        List<String> names;
        Function<String, Reader> opener;
        if (arguments.has("LOCATION")) {
            if (arguments.has("URL")) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " takes LOCATION or URL, not both: the location's URL "
                        + "says where to read; narrow it with PATTERN => '*.csv'");
            }
            String locationName = arguments.text("LOCATION", null);
            ResolvedLocation location = context.location(locationName, function, LocationSource.AMAZON_S3);
            if (storage == null) {
                throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function + " cannot read location '" + locationName + "': this Outcrop "
                        + "has no object storage; give it one with Outcrop.builder().objectStorage(S3ObjectStorage.create(...))");
            }
            ObjectPaths paths = ObjectPaths.parse(location.record().url()).withPattern(arguments.text("PATTERN", null));
            AwsCredentials signing = join(credentials.resolve(context.account(), location));
            names = objects(paths, location.region(), signing);
            opener = url -> decompress(url, compression, join(storage.open(new ObjectStorage.ObjectRequest(paths.bucket(),
                    url.substring(("s3://" + paths.bucket() + "/").length()), location.region(), signing))));
        }
        else {
            if (arguments.has("PATTERN")) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "PATTERN goes with LOCATION; with URL, put the pattern in the URL");
            }
            String url = arguments.text("URL", null);
            if (url == null) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " needs LOCATION => 'an_s3_location', or URL => 'file://…' "
                        + "(the URL may also be its first argument)");
            }
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("s3://")) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "cannot read '" + url + "' without credentials: Outcrop reads S3 "
                        + "through a location. CREATE LOCATION my_s3 WITH SOURCE = AMAZON_S3 URL = '" + url + "' CREDENTIALS = (...), "
                        + "then " + function + "(LOCATION => 'my_s3')");
            }
            if (!lower.startsWith("file://")) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "cannot read '" + url + "': the URL must start with file://, "
                        + "or read S3 with LOCATION => 'an_s3_location'");
            }
            names = List.of(url);
            opener = name -> {
                Path path = userFiles.resolve(name);
                try {
                    return decompress(name, compression, Files.newInputStream(path));
                }
                catch (IOException e) {
                    // Not e.getMessage(): that is the server's absolute path, which the caller did not name and need not see.
                    throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "cannot open '" + name + "': " + e.getClass().getSimpleName());
                }
            };
        }
        ConcatenatedReader reader = new ConcatenatedReader(names, opener, format);
        context.run().onStop(reader::close);
        List<String> columns = reader.columns();
        Scope scope = new Scope(alias, columns, Collections.nCopies(columns.size(), (SqlType) ScalarType.TEXT));
        return new Source(scope, new PublishedRows(new ReaderPublisher(reader, executor), rowsAhead, maxRows));
    }

    /** The objects a location's URL (and PATTERN) names, in key order. */
    private List<String> objects(ObjectPaths paths, String region, AwsCredentials signing) {
        if (paths.isSingleObject()) {
            return List.of(paths.url(paths.path()));
        }
        List<String> names = new ArrayList<>();
        for (ObjectStorage.StoredObject object : join(storage.list(new ObjectStorage.ObjectRequest(paths.bucket(), paths.prefix(), region, signing)))) {
            if (paths.matches(object.key()) && !object.key().endsWith("/")) {
                names.add(paths.url(object.key()));
            }
        }
        if (names.isEmpty()) {
            throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "no object matches " + paths + ": check the location's URL and the PATTERN");
        }
        return names;
    }

    private static Reader decompress(String name, String compression, InputStream in) {
        String kind = (compression != null ? compression : name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "GZIP" : "NONE").toUpperCase(Locale.ROOT);
        try {
            if (kind.equals("GZIP") || kind.equals("GZ")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            else if (!kind.equals("NONE")) {
                in.close();
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "COMPRESSION must be 'GZIP' or 'NONE', but was '" + compression + "'");
            }
        }
        catch (IOException e) {
            throw new OutcropException(OutcropErrorCode.MALFORMED_INPUT, name + " is not gzip-compressed (" + e.getMessage()
                    + "): read it with COMPRESSION => 'NONE'");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Waits for a port's answer (this runs on the blocking executor) and rethrows its failure as it is. */
    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        }
        catch (java.util.concurrent.CompletionException e) {
            Throwable cause = Futures.unwrap(e);
            throw cause instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
