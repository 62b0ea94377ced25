package dev.outcrop.core.internal.select;

import dev.outcrop.core.internal.ai.AiFunctions;
import dev.outcrop.core.internal.ai.AiServices;
import dev.outcrop.core.internal.catalog.CatalogAccess;
import dev.outcrop.core.internal.concurrent.BlockingWork;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.eval.SqlValues;
import dev.outcrop.core.internal.expr.ExpressionCompiler;
import dev.outcrop.core.internal.expr.FunctionCompiler;
import dev.outcrop.core.internal.expr.ScalarFunctions;
import dev.outcrop.core.internal.plan.Scope;
import dev.outcrop.core.internal.plan.StatementContext;
import dev.outcrop.core.internal.run.QueryRegistry;
import dev.outcrop.core.internal.run.SessionState;
import dev.outcrop.core.internal.run.StatementRun;
import dev.outcrop.core.internal.source.BoundRelation;
import dev.outcrop.core.internal.source.InputRows;
import dev.outcrop.core.internal.source.Source;
import dev.outcrop.core.internal.source.TableFunctions;

import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.statement.Relation;
import dev.outcrop.core.statement.Select;
import dev.outcrop.core.statement.SelectItem;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs SELECT: plans it on the executor (catalog reads, location checks, argument rules), then
 * computes its rows through a {@link RowPipeline}: many rows' model calls in flight together, under
 * the scheduler's limits, and a bounded number of rows ahead of the consumer.
 */
public final class SelectExecutor {

    private final CatalogAccess catalog;
    private final AiServices ai;
    private final BlockingWork blocking;
    private final QueryRegistry registry;
    private final Map<String, FunctionCompiler> functions;
    private final TableFunctions tableFunctions;

    public SelectExecutor(CatalogAccess catalog, AiServices ai, BlockingWork blocking, QueryRegistry registry, TableFunctions.Sources sources) {
        this.catalog = catalog;
        this.ai = ai;
        this.blocking = blocking;
        this.registry = registry;
        Map<String, FunctionCompiler> all = new HashMap<>();
        ScalarFunctions.register(all);
        AiFunctions.register(all, ai);
        this.functions = Map.copyOf(all);
        this.tableFunctions = new TableFunctions(functions, sources, blocking.executor());
    }

    public CompletableFuture<QueryResult> execute(SessionState session, StatementRun run, Select select) {
        return blocking.supply(() -> plan(session, run, select)).thenCompose(Plan::collect);
    }

    /** Plans the SELECT and hands its rows out in order, as they are ready and as the subscriber asks. */
    public CompletableFuture<RowStream> stream(SessionState session, StatementRun run, Select select) {
        return stream(session, run, select, null);
    }

    /** As {@link #stream(SessionState, StatementRun, Select)}; the SELECT may read the caller's rows, {@code FROM <input name>}. */
    public CompletableFuture<RowStream> stream(SessionState session, StatementRun run, Select select, dev.outcrop.core.query.InputRows input) {
        return blocking.supply(() -> plan(session, run, select, input)).thenApply(plan -> new RowStream(plan.columns(), plan.rows()));
    }

    /** A planned SELECT: its columns and the publisher that computes its rows. */
    private record Plan(List<Column> columns, RowPipeline rows) {

        /** All rows in memory, for {@link QueryResult}. */
        CompletableFuture<QueryResult> collect() {
            return new RowStream(columns, rows).allRows()
                    .thenApply(collected -> new QueryResult(columns, collected, "SELECT " + collected.size()))
                    .toCompletableFuture();
        }
    }

    private Plan plan(SessionState session, StatementRun run, Select select) {
        return plan(session, run, select, null);
    }

    private Plan plan(SessionState session, StatementRun run, Select select, dev.outcrop.core.query.InputRows supplied) {
        run.checkRunning();
        StatementContext context = new StatementContext(session, catalog, run);
        Scope scope;
        List<Object[]> input = null;
        // Read no further ahead than a LIMIT needs (without WHERE, LIMIT n takes exactly the first n rows).
        long maxRows = select.where() == null && select.limit() != null ? select.limit() : Long.MAX_VALUE;
        int readAhead = run.limits().rowsAhead();
        InputRows streamed = null;
        Relation from = select.from();
        if (from == null) {
            scope = Scope.EMPTY;
            input = new ArrayList<>();
            input.add(new Object[0]);
        }
        else if (from instanceof Relation.Values values) {
            scope = valuesScope(values, context);
            input = valuesRows(values, scope, context);
        }
        else if (supplied != null && from instanceof Relation.TableName table && table.parts().size() == 1
                && table.parts().get(0).value().toLowerCase(Locale.ROOT).equals(supplied.name())) {
            // The caller's rows (an engine such as Spark holding its own): their count is known only if the caller said it.
            scope = new Scope(supplied.name(), supplied.columns().stream().map(Column::name).toList(),
                    supplied.columns().stream().map(Column::type).toList());
            streamed = InputRows.of(supplied.rows());
            if (select.where() == null && supplied.rowCount() >= 0) {
                run.rowsTotal(select.limit() == null ? supplied.rowCount() : Math.min(supplied.rowCount(), select.limit()));
            }
        }
        else if (from instanceof Relation.TableFunction function) {
            Source source = tableFunctions.open(function, context, readAhead, maxRows);
            scope = source.scope();
            streamed = source.rows();
        }
        else if (session.bound((Relation.TableName) from) != null) {
            Source source = ((BoundRelation) session.bound((Relation.TableName) from)).open(readAhead, maxRows);
            scope = source.scope();
            streamed = source.rows();
        }
        else {
            InformationSchema.Table table = InformationSchema.read((Relation.TableName) from, context, ai.budget(), registry);
            scope = table.scope();
            input = table.rows();
        }
        try {
            return planRows(select, run, context, scope, input, streamed);
        }
        catch (RuntimeException e) {
            if (streamed != null) {
                streamed.close();
            }
            throw e;
        }
    }

    /** The select list, WHERE and the pipeline over rows already opened; on failure the caller releases them. */
    private Plan planRows(Select select, StatementRun run, StatementContext context, Scope scope, List<Object[]> input, InputRows streamed) {
        ExpressionCompiler compiler = new ExpressionCompiler(scope, functions, context);
        Node where = null;
        if (select.where() != null) {
            where = compiler.compile(select.where());
            if (where.type() != ScalarType.BOOLEAN && where.type() != ScalarType.NULL) {
                throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "WHERE needs a BOOLEAN condition, but got " + where.type().sqlName());
            }
        }
        List<Column> columns = new ArrayList<>();
        List<Node> outputs = new ArrayList<>();
        for (SelectItem item : select.items()) {
            if (item instanceof SelectItem.AllColumns) {
                if (scope.columnNames().isEmpty()) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "SELECT * needs a FROM clause");
                }
                for (int i = 0; i < scope.columnNames().size(); i++) {
                    columns.add(new Column(scope.columnNames().get(i), scope.columnTypes().get(i)));
                    outputs.add(compiler.compile(new ColumnReference(List.of(new dev.outcrop.core.expression.Identifier(scope.columnNames().get(i))))));
                }
                continue;
            }
            SelectItem.SingleColumn column = (SelectItem.SingleColumn) item;
            Node node = compiler.compile(column.expression());
            String name = column.alias() != null ? column.alias().value() : defaultName(column.expression());
            columns.add(new Column(name, node.type() == ScalarType.NULL ? ScalarType.TEXT : node.type()));
            outputs.add(node);
        }
        if (where == null && input != null) {
            run.rowsTotal(select.limit() == null ? input.size() : Math.min(input.size(), select.limit()));
        }
        InputRows rows = input != null ? InputRows.of(input.iterator()) : streamed;
        return new Plan(columns, new RowPipeline(context, rows, where, select.limit(), outputs, run.limits().rowsAhead()));
    }

    private Scope valuesScope(Relation.Values values, StatementContext context) {
        int width = values.rows().get(0).size();
        for (List<Expression> row : values.rows()) {
            if (row.size() != width) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "every row of VALUES must have " + width + " values, but one has " + row.size());
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add(i < values.columnNames().size() ? values.columnNames().get(i).value() : "column" + (i + 1));
        }
        if (values.columnNames().size() > width) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "VALUES has " + width + " columns, but " + values.columnNames().size() + " names were given");
        }
        ExpressionCompiler constants = new ExpressionCompiler(Scope.EMPTY, functions, context);
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            SqlType type = ScalarType.NULL;
            for (List<Expression> row : values.rows()) {
                SqlType next = constants.compile(row.get(i)).type();
                SqlType common = SqlValues.common(type, next);
                if (common == null) {
                    throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "column '" + names.get(i) + "' of VALUES mixes " + type.sqlName() + " and " + next.sqlName());
                }
                type = common;
            }
            types.add(type);
        }
        return new Scope(values.alias().value(), names, types);
    }

    private List<Object[]> valuesRows(Relation.Values values, Scope scope, StatementContext context) {
        ExpressionCompiler constants = new ExpressionCompiler(Scope.EMPTY, functions, context);
        List<Object[]> rows = new ArrayList<>();
        for (List<Expression> row : values.rows()) {
            Object[] computed = new Object[row.size()];
            for (int i = 0; i < computed.length; i++) {
                Node node = constants.compile(row.get(i));
                if (node.isAsync()) {
                    throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, "AI functions cannot appear inside VALUES; call them in the SELECT list");
                }
                Object value = node.evaluate(new Object[0]);
                // BIGINT and DOUBLE mixed in one column: every value becomes a Double, as the column's type says.
                computed[i] = value instanceof Long l && scope.columnTypes().get(i) == ScalarType.DOUBLE ? (Object) l.doubleValue() : value;
            }
            rows.add(computed);
        }
        return rows;
    }

    private static String defaultName(Expression expression) {
        if (expression instanceof ColumnReference column) {
            return column.name().value();
        }
        if (expression instanceof FunctionCall call) {
            return call.name().value().toLowerCase(Locale.ROOT);
        }
        return "?column?";
    }
}
