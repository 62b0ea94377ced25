package dev.outcrop.core.internal;

import dev.outcrop.core.result.Column;
import dev.outcrop.core.result.QueryResult;
import dev.outcrop.core.result.Row;
import dev.outcrop.core.result.RowStream;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.ColumnReference;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.eval.SqlValues;
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
 * computes every row at once: the model calls of all rows are in flight together, and no row waits
 * for another's call.
 */
final class SelectExecutor {

    private final CatalogAccess catalog;
    private final AiServices ai;
    private final BlockingWork blocking;
    private final Map<String, FunctionCompiler> functions;

    SelectExecutor(CatalogAccess catalog, AiServices ai, BlockingWork blocking) {
        this.catalog = catalog;
        this.ai = ai;
        this.blocking = blocking;
        Map<String, FunctionCompiler> all = new HashMap<>();
        ScalarFunctions.register(all);
        AiFunctions.register(all, ai);
        this.functions = Map.copyOf(all);
    }

    CompletableFuture<QueryResult> execute(SessionState session, Select select) {
        return blocking.supply(() -> plan(session, select)).thenCompose(Plan::run);
    }

    /** Plans the SELECT, starts every row, and hands the rows out in order as they are ready. */
    CompletableFuture<RowStream> stream(SessionState session, Select select) {
        return blocking.supply(() -> plan(session, select)).thenCompose(Plan::stream);
    }

    /** A planned SELECT: its input rows, filter, limit and output expressions. */
    private record Plan(List<Column> columns, List<Object[]> input, Node where, Long limit, List<Node> outputs, StatementContext context) {

        CompletableFuture<QueryResult> run() {
            return filter().thenCompose(rows -> {
                List<Object[]> limited = limit == null || rows.size() <= limit ? rows : rows.subList(0, (int) (long) limit);
                List<CompletableFuture<Object[]>> pending = new ArrayList<>(limited.size());
                for (Object[] row : limited) {
                    pending.add(project(row));
                }
                context.endOfDispatch();
                return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                    List<Row> result = new ArrayList<>(pending.size());
                    for (CompletableFuture<Object[]> values : pending) {
                        result.add(Row.of(values.join()));
                    }
                    return new QueryResult(columns, result, "SELECT " + result.size());
                });
            });
        }

        CompletableFuture<RowStream> stream() {
            return filter().thenApply(rows -> {
                List<Object[]> limited = limit == null || rows.size() <= limit ? rows : rows.subList(0, (int) (long) limit);
                List<CompletableFuture<Object[]>> pending = new ArrayList<>(limited.size());
                for (Object[] row : limited) {
                    pending.add(project(row));
                }
                context.endOfDispatch();
                return new RowStream(columns, new OrderedRowPublisher(pending));
            });
        }

        private CompletableFuture<List<Object[]>> filter() {
            if (where == null) {
                return CompletableFuture.completedFuture(input);
            }
            if (!where.isAsync()) {
                List<Object[]> kept = new ArrayList<>();
                for (Object[] row : input) {
                    if (Boolean.TRUE.equals(where.evaluate(row))) {
                        kept.add(row);
                    }
                }
                return CompletableFuture.completedFuture(kept);
            }
            List<CompletableFuture<Object>> tests = new ArrayList<>();
            for (Object[] row : input) {
                tests.add(where.evaluateAsync(row));
            }
            context.endOfDispatch();
            return CompletableFuture.allOf(tests.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                List<Object[]> kept = new ArrayList<>();
                for (int i = 0; i < input.size(); i++) {
                    if (Boolean.TRUE.equals(tests.get(i).join())) {
                        kept.add(input.get(i));
                    }
                }
                return kept;
            });
        }

        private CompletableFuture<Object[]> project(Object[] row) {
            Object[] values = new Object[outputs.size()];
            List<CompletableFuture<?>> pending = null;
            for (int i = 0; i < values.length; i++) {
                Node output = outputs.get(i);
                if (!output.isAsync()) {
                    try {
                        values[i] = output.evaluate(row);
                    }
                    catch (RuntimeException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                    continue;
                }
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                int index = i;
                pending.add(output.evaluateAsync(row).thenAccept(value -> values[index] = value));
            }
            if (pending == null) {
                return CompletableFuture.completedFuture(values);
            }
            return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> values);
        }
    }

    private Plan plan(SessionState session, Select select) {
        StatementContext context = new StatementContext(session, catalog);
        Scope scope;
        List<Object[]> input;
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
        else {
            InformationSchema.Table table = InformationSchema.read((Relation.TableName) from, context, ai.budget());
            scope = table.scope();
            input = table.rows();
        }
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
        return new Plan(columns, input, where, select.limit(), outputs, context);
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
