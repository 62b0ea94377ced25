package dev.outcrop.core.internal.expr;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.BinaryOperator;

/** Arithmetic on BIGINT (exact, failing on overflow) and DOUBLE values. */
public final class Arithmetic {

    private Arithmetic() {
    }

    static Object apply(BinaryOperator op, Number left, Number right) {
        if (left instanceof Long a && right instanceof Long b) {
            try {
                return switch (op) {
                    case ADD -> Math.addExact(a, b);
                    case SUBTRACT -> Math.subtractExact(a, b);
                    case MULTIPLY -> Math.multiplyExact(a, b);
                    case DIVIDE -> a / nonZero(b);
                    case MODULO -> a % nonZero(b);
                    default -> throw new IllegalStateException(op.name());
                };
            }
            catch (ArithmeticException e) {
                if (e instanceof DivisionByZero) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "division by zero");
                }
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "BIGINT overflow in " + a + " " + op.sql() + " " + b
                        + "; cast an operand to DOUBLE for a result outside ±9.2e18");
            }
        }
        double a = left.doubleValue();
        double b = right.doubleValue();
        return switch (op) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> {
                if (b == 0) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, "division by zero");
                }
                yield a / b;
            }
            case MODULO -> a % b;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static long nonZero(long divisor) {
        if (divisor == 0) {
            throw new DivisionByZero();
        }
        return divisor;
    }

    private static final class DivisionByZero extends ArithmeticException {
        private static final long serialVersionUID = 1L;
    }
}
