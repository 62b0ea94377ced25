package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.internal.expr.ExpressionCompiler;
import dev.outcrop.core.internal.expr.FunctionCompiler;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.plan.StatementContext;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
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

    private final Map<String, FunctionCompiler> functions;
    private final UserFiles userFiles;
    private final Executor executor;

    public TableFunctions(Map<String, FunctionCompiler> functions, UserFiles userFiles, Executor executor) {
        this.functions = functions;
        this.userFiles = userFiles;
        this.executor = executor;
    }

    /** Plans the function: checks its arguments, opens its input, and returns its columns and rows. */
    public Source open(Relation.TableFunction relation, StatementContext context, int rowsAhead) {
        String name = relation.call().name().value().toLowerCase(Locale.ROOT);
        String alias = relation.alias() != null ? relation.alias().value() : name;
        ExpressionCompiler constants = new ExpressionCompiler(Scope.EMPTY, functions, context);
        return switch (name) {
            case "generate_series" -> series(new ConstantArguments(relation.call(), constants, List.of("START", "STOP", "STEP"), SERIES_PARAMETERS), alias);
            case "read_csv" -> csv(new ConstantArguments(relation.call(), constants, List.of("URL"), CSV_PARAMETERS), alias, context, rowsAhead);
            case "read_json" -> json(new ConstantArguments(relation.call(), constants, List.of("URL"), JSON_PARAMETERS), alias, context, rowsAhead);
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

    private Source csv(ConstantArguments arguments, String alias, StatementContext context, int rowsAhead) {
        CsvOptions options = new CsvOptions(
                arguments.bool("HEADER", false),
                arguments.character("DELIMITER", ','),
                arguments.character("QUOTE", '"'),
                arguments.character("ESCAPE", arguments.character("QUOTE", '"')),
                arguments.text("NULL_STRING", null),
                arguments.bool("SKIP_BLANK_LINES", false),
                arguments.bool("EMPTY_FIELD_AS_NULL", true));
        String url = url(arguments, "READ_CSV");
        CsvReader reader = new CsvReader(url, open(url, arguments), options);
        List<String> names;
        try {
            names = reader.readHeader();
        }
        catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        context.run().onStop(reader::close);
        Scope scope = new Scope(alias, names, Collections.nCopies(names.size(), (SqlType) ScalarType.TEXT));
        return new Source(scope, new PublishedRows(new ReaderPublisher(reader, executor), rowsAhead));
    }

    private Source json(ConstantArguments arguments, String alias, StatementContext context, int rowsAhead) {
        String url = url(arguments, "READ_JSON");
        JsonLinesReader reader = new JsonLinesReader(url, open(url, arguments));
        List<String> names;
        try {
            names = reader.readColumns();
        }
        catch (RuntimeException e) {
            reader.close();
            throw e;
        }
        context.run().onStop(reader::close);
        Scope scope = new Scope(alias, names, Collections.nCopies(names.size(), (SqlType) ScalarType.TEXT));
        return new Source(scope, new PublishedRows(new ReaderPublisher(reader, executor), rowsAhead));
    }

    private static String url(ConstantArguments arguments, String function) {
        if (arguments.has("LOCATION")) {
            throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function + " with LOCATION => reads Amazon S3, which this Outcrop "
                    + "cannot reach yet; read a file of the user files directory with URL => 'file://name.csv'");
        }
        String url = arguments.text("URL", null);
        if (url == null) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " needs URL => 'file://…' (or the URL as its first argument)");
        }
        return url;
    }

    private Reader open(String url, ConstantArguments arguments) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://")) {
            throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "cannot read '" + url + "': Amazon S3 URLs are not read yet; "
                    + "read a file of the user files directory with URL => 'file://name.csv'");
        }
        if (!lower.startsWith("file://")) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "cannot read '" + url + "': the URL must start with file://");
        }
        Path path = userFiles.resolve(url);
        String compression = arguments.text("COMPRESSION", lower.endsWith(".gz") ? "GZIP" : "NONE").toUpperCase(Locale.ROOT);
        try {
            InputStream in = Files.newInputStream(path);
            if (compression.equals("GZIP")) {
                in = new GZIPInputStream(in, 64 * 1024);
            }
            else if (!compression.equals("NONE")) {
                in.close();
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "COMPRESSION must be 'GZIP' or 'NONE', but was '" + compression + "'");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new OutcropException(OutcropErrorCode.SOURCE_NOT_FOUND, "cannot open '" + url + "': " + e.getMessage());
        }
    }
}
