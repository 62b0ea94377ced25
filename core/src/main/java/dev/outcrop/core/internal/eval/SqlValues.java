package dev.outcrop.core.internal.eval;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.type.ArrayType;
import dev.outcrop.core.type.ScalarType;
import dev.outcrop.core.type.SqlType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** Conversions and comparisons of runtime values, following SQL's rules for NULL. */
public final class SqlValues {

    private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[['T'][' ']HH:mm[:ss]]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:mm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter(Locale.ROOT);

    private SqlValues() {
    }

    public static boolean isNumeric(SqlType type) {
        return type == ScalarType.INTEGER || type == ScalarType.BIGINT || type == ScalarType.DOUBLE || type == ScalarType.NULL;
    }

    public static boolean isIntegral(SqlType type) {
        return type == ScalarType.INTEGER || type == ScalarType.BIGINT;
    }

    /** The type two values of these types are compared or combined as, or null when they do not mix. */
    public static SqlType common(SqlType left, SqlType right) {
        if (left.equals(right)) {
            return left;
        }
        if (left == ScalarType.NULL) {
            return right;
        }
        if (right == ScalarType.NULL) {
            return left;
        }
        if (isNumeric(left) && isNumeric(right)) {
            if (left == ScalarType.DOUBLE || right == ScalarType.DOUBLE) {
                return ScalarType.DOUBLE;
            }
            return ScalarType.BIGINT;
        }
        return null;
    }

    public static int compare(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (left instanceof String a && right instanceof String b) {
            return a.compareTo(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (left instanceof Instant a && right instanceof Instant b) {
            return a.compareTo(b);
        }
        if (left instanceof double[] a && right instanceof double[] b) {
            return java.util.Arrays.compare(a, b);
        }
        throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, "cannot compare " + describe(left) + " with " + describe(right));
    }

    /** Text form of a value, as {@code ||} and CAST(… AS TEXT) produce it. */
    public static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return d.toString();
        }
        if (value instanceof double[] array) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < array.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(toText(array[i]));
            }
            return text.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** Converts a value to a type, as CAST does. NULL stays NULL. */
    public static Object cast(Object value, SqlType target) {
        if (value == null) {
            return null;
        }
        try {
            if (target == ScalarType.TEXT) {
                return toText(value);
            }
            if (target == ScalarType.INTEGER || target == ScalarType.BIGINT) {
                long result;
                if (value instanceof Long l) {
                    result = l;
                }
                else if (value instanceof Double d) {
                    result = Math.round(d);
                }
                else if (value instanceof Boolean b) {
                    result = b ? 1 : 0;
                }
                else if (value instanceof String s) {
                    result = Long.parseLong(s.trim());
                }
                else {
                    throw cannotCast(value, target);
                }
                if (target == ScalarType.INTEGER && (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE)) {
                    throw new OutcropException(OutcropErrorCode.VALUE_CONVERSION_FAILED, "value " + result + " is out of range for INTEGER: cast to BIGINT instead");
                }
                return result;
            }
            if (target == ScalarType.DOUBLE) {
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                if (value instanceof String s) {
                    return Double.parseDouble(s.trim());
                }
                throw cannotCast(value, target);
            }
            if (target == ScalarType.BOOLEAN) {
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof Long l) {
                    return l != 0;
                }
                if (value instanceof String s) {
                    return switch (s.trim().toLowerCase(Locale.ROOT)) {
                        case "true", "t", "yes", "y", "1", "on" -> true;
                        case "false", "f", "no", "n", "0", "off" -> false;
                        default -> throw cannotCast(value, target);
                    };
                }
                throw cannotCast(value, target);
            }
            if (target == ScalarType.TIMESTAMPTZ) {
                if (value instanceof Instant i) {
                    return i;
                }
                if (value instanceof String s) {
                    return OffsetDateTime.parse(s.trim(), TIMESTAMP_INPUT).toInstant();
                }
                throw cannotCast(value, target);
            }
            if (target instanceof ArrayType array && array.elementType() == ScalarType.DOUBLE) {
                if (value instanceof double[] d) {
                    return d;
                }
                if (value instanceof String s) {
                    return parseDoubleArray(s);
                }
                throw cannotCast(value, target);
            }
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw cannotCast(value, target);
        }
        throw cannotCast(value, target);
    }

    private static double[] parseDoubleArray(String text) {
        String trimmed = text.trim();
        if (trimmed.length() < 2 || !((trimmed.startsWith("[") && trimmed.endsWith("]")) || (trimmed.startsWith("{") && trimmed.endsWith("}")))) {
            throw new NumberFormatException();
        }
        String body = trimmed.substring(1, trimmed.length() - 1).trim();
        if (body.isEmpty()) {
            return new double[0];
        }
        String[] parts = body.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i].trim());
        }
        return values;
    }

    private static OutcropException cannotCast(Object value, SqlType target) {
        return new OutcropException(OutcropErrorCode.VALUE_CONVERSION_FAILED, "cannot convert " + describe(value) + " to " + target.sqlName());
    }

    /** Describes a value for a message; text is shortened so that messages stay small. */
    public static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return "text '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (value instanceof double[] array) {
            return "an array of " + array.length + " numbers";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value;
    }
}
