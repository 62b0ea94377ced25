package dev.outcrop.core.internal.expr;


import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import dev.outcrop.core.expression.Expression;
import dev.outcrop.core.expression.FunctionArgument;
import dev.outcrop.core.expression.FunctionCall;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches a call's positional and named ({@code NAME => value}) arguments to a function's parameters.
 */
public final class ArgumentBinder {

    private ArgumentBinder() {
    }

    /**
     * @param parameters the parameter names, in positional order
     * @param required how many leading parameters must be given
     * @param synonyms other accepted names for parameters (such as DIMENSION for DIMENSIONS)
     * @return the argument of each parameter, null where omitted
     */
    public static Expression[] bind(FunctionCall call, String function, List<String> parameters, int required, Map<String, String> synonyms) {
        Expression[] bound = new Expression[parameters.size()];
        int position = 0;
        boolean sawNamed = false;
        for (FunctionArgument argument : call.arguments()) {
            int index;
            if (argument.isNamed()) {
                sawNamed = true;
                String name = argument.name().value().toLowerCase(Locale.ROOT);
                name = synonyms.getOrDefault(name, name);
                index = parameters.indexOf(name);
                if (index < 0) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " has no parameter named "
                            + argument.name().value().toUpperCase(Locale.ROOT) + "; its parameters are " + upper(parameters));
                }
            }
            else {
                if (sawNamed) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function
                            + ": a positional argument cannot follow a named one; name every argument after the first named one");
                }
                index = position++;
                if (index >= parameters.size()) {
                    throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " takes at most " + parameters.size()
                            + " arguments (" + upper(parameters) + "), but got " + call.arguments().size());
                }
            }
            if (bound[index] != null) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " got " + parameters.get(index).toUpperCase(Locale.ROOT) + " twice");
            }
            bound[index] = argument.value();
        }
        for (int i = 0; i < required; i++) {
            if (bound[i] == null) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + " needs " + parameters.get(i).toUpperCase(Locale.ROOT)
                        + "; its parameters are " + upper(parameters) + " (the first " + required + " required)");
            }
        }
        return bound;
    }

    private static String upper(List<String> parameters) {
        return Arrays.toString(parameters.stream().map(p -> p.toUpperCase(Locale.ROOT)).toArray()).replace("[", "").replace("]", "");
    }
}
