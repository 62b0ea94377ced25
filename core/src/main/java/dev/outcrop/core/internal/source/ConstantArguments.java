package dev.outcrop.core.internal.source;

import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import dev.outcrop.core.internal.eval.Node;
import dev.outcrop.core.internal.expr.ExpressionCompiler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table-valued function's arguments, evaluated once at planning: they may not name columns or call
 * models. Named arguments ({@code HEADER => TRUE}) are looked up by name, case-insensitively; only the
 * first arguments may be positional, as Firebolt allows for URL.
 */
final class ConstantArguments {

    private final String function;
    private final Object[] positional;
    private final Map<String, Object> named = new LinkedHashMap<>();

    ConstantArguments(FunctionCall call, ExpressionCompiler constants, List<String> positionalNames, Set<String> known) {
        this.function = call.name().value().toUpperCase(Locale.ROOT);
        this.positional = new Object[positionalNames.size()];
        int position = 0;
        for (FunctionArgument argument : call.arguments()) {
            Node node = constants.compile(argument.value());
            if (node.isAsync()) {
                throw new OutcropException(OutcropErrorCode.NOT_SUPPORTED, function + "'s arguments cannot call AI functions");
            }
            Object value = node.evaluate(new Object[0]);
            if (!argument.isNamed()) {
                if (!named.isEmpty() || position >= positional.length) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " takes " + (positional.length == 0 ? "no positional arguments"
                            : "at most " + positional.length + " positional argument" + (positional.length == 1 ? "" : "s") + " (" + String.join(", ", positionalNames) + ")")
                            + " before its named ones: write the others as NAME => value");
                }
                positional[position++] = value;
                continue;
            }
            String name = argument.name().value().toUpperCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " has no parameter " + name + "; its parameters are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
            int index = positionalNames.indexOf(name);
            if (named.containsKey(name) || (index >= 0 && index < position)) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " was given " + name + " twice");
            }
            named.put(name, value);
        }
        for (int i = 0; i < position; i++) {
            named.put(positionalNames.get(i), positional[i]);
        }
    }

    boolean has(String name) {
        return named.containsKey(name);
    }

    String text(String name, String defaultValue) {
        Object value = named.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, function + "'s " + name + " must be TEXT, such as " + name + " => '…'");
        }
        return text;
    }

    boolean bool(String name, boolean defaultValue) {
        Object value = named.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, function + "'s " + name + " must be TRUE or FALSE");
        }
        return flag;
    }

    Long whole(String name) {
        Object value = named.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long number)) {
            throw new OutcropException(OutcropErrorCode.TYPE_MISMATCH, function + "'s " + name + " must be a whole number");
        }
        return number;
    }

    char character(String name, char defaultValue) {
        String text = text(name, null);
        if (text == null) {
            return defaultValue;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("DOUBLE_QUOTE")) {
            return '"';
        }
        if (upper.equals("SINGLE_QUOTE")) {
            return '\'';
        }
        if (text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + "'s " + name + " must be one character, but was '" + text + "'");
        }
        return text.charAt(0);
    }
}
