package dev.outcrop.core.internal.eval;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.type.SqlType;
import java.util.concurrent.CompletableFuture;

/**
 * Converts its operand's value to a type, as CAST does. A value that does not convert fails with
 * {@code VALUE_CONVERSION_FAILED}; when the row was read from a file or object, the message also says
 * where the value is (URL, line, and the column when the operand reads one column as it is), since a
 * bare "cannot convert 'abc'" in a file of a million rows does not help anyone find it.
 */
public final class ConversionNode extends Node {

    private final Node operand;
    private final SqlType target;

    public ConversionNode(Node operand, SqlType target) {
        super(target);
        this.operand = operand;
        this.target = target;
    }

    @Override
    public boolean isAsync() {
        return operand.isAsync();
    }

    @Override
    public Object evaluate(Object[] row) {
        return convert(operand.evaluate(row), row);
    }

    @Override
    public CompletableFuture<Object> evaluateAsync(Object[] row) {
        if (!operand.isAsync()) {
            return super.evaluateAsync(row);
        }
        return operand.evaluateAsync(row).thenApply(value -> convert(value, row));
    }

    private Object convert(Object value, Object[] row) {
        try {
            return SqlValues.cast(value, target);
        }
        catch (OutcropException e) {
            RowOrigin origin = RowOrigin.of(row);
            if (origin == null) {
                throw e;
            }
            int field = operand instanceof ColumnNode column ? column.index() : -1;
            String name = operand instanceof ColumnNode column ? column.name() : null;
            throw new OutcropException(OutcropErrorCode.VALUE_CONVERSION_FAILED, e.getMessage() + ", read from " + origin.describe(field, name)
                    + ": correct the value there, or leave such rows out with WHERE");
        }
    }
}
