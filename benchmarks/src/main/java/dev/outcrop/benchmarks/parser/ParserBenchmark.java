package dev.outcrop.benchmarks.parser;

import dev.outcrop.core.statement.Statement;
import dev.outcrop.sql.SqlParser;

import java.util.concurrent.TimeUnit;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Parse time per statement for the seed's CREATE LOCATION and AWS_BEDROCK_AI_QUERY SELECT, with
 * Apache Calcite's parser on the same SELECT as the baseline, measured in the same run.
 *
 * <p>Calcite cannot read {@code $$...$$} strings, so it is given the equivalent SELECT with the
 * request single-quoted (the JSON holds no single quote, so only the delimiters change) and the alias
 * double-quoted ({@code RESULT} is a reserved word in Calcite). Ours is measured on that exact text
 * too, so the ratio is taken on identical input.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ParserBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParserBenchmark {

    static final String CREATE_LOCATION = """
            CREATE LOCATION bedrock_keys WITH
              SOURCE = AMAZON_BEDROCK
              CREDENTIALS = (
                AWS_ACCESS_KEY_ID = '<aws_access_key_id>'
                AWS_SECRET_ACCESS_KEY = '<aws_secret_access_key>'
              )""";

    static final String SELECT = """
            SELECT AWS_BEDROCK_AI_QUERY(
              'amazon.nova-micro-v1:0',
              $${"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":"Hello"}]}]}$$,
              'bedrock_role'
            ) AS result""";

    /** The same SELECT in the form Calcite can read: the request single-quoted, the alias double-quoted. */
    static final String SELECT_FOR_CALCITE = SELECT.replace("$$", "'").replace("AS result", "AS \"result\"");

    private final SqlParser outcrop = SqlParser.create();
    private final org.apache.calcite.sql.parser.SqlParser.Config calciteConfig = org.apache.calcite.sql.parser.SqlParser.config();

    @Benchmark
    public Statement outcropCreateLocation() {
        return outcrop.parseStatement(CREATE_LOCATION);
    }

    @Benchmark
    public Statement outcropSelect() {
        return outcrop.parseStatement(SELECT);
    }

    @Benchmark
    public Statement outcropSelectCalciteForm() {
        return outcrop.parseStatement(SELECT_FOR_CALCITE);
    }

    @Benchmark
    public SqlNode calciteSelectCalciteForm() throws SqlParseException {
        return org.apache.calcite.sql.parser.SqlParser.create(SELECT_FOR_CALCITE, calciteConfig).parseQuery();
    }
}
