package dev.outcrop.vertx.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code query_parameters} parameter as Firebolt's SDKs send it for {@code fb_numeric} prepared
 * statements: {@code [{"name":"$1","value":...}, ...]}. The values are handed to the parser, which binds
 * each where its placeholder stands; they never become SQL text.
 */
final class BoundParameters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PARAMETERS = 10_000;

    private BoundParameters() {
    }

    /** The values of {@code $1}, {@code $2}, ... in order; an empty list for a null or absent parameter. */
    static List<Object> parse(String json) {
        if (json == null) {
            return List.of();
        }
        JsonNode items;
        try {
            items = JSON.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw refuse("is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (items == null || !items.isArray()) {
            throw refuse("must be a JSON array");
        }
        if (items.size() > MAX_PARAMETERS) {
            throw refuse("holds " + items.size() + " values, more than " + MAX_PARAMETERS);
        }
        Object[] values = new Object[items.size()];
        boolean[] seen = new boolean[items.size()];
        for (JsonNode item : items) {
            String name = item.path("name").asText("");
            if (!name.matches("\\$[1-9][0-9]{0,5}") || Integer.parseInt(name.substring(1)) > items.size()) {
                throw refuse("names a parameter '" + StrictText.printableAscii(name) + "': name them $1 to $" + items.size());
            }
            int index = Integer.parseInt(name.substring(1)) - 1;
            if (seen[index]) {
                throw refuse("gives " + name + " twice");
            }
            if (!item.has("value")) {
                throw refuse("gives " + name + " without a value (use \"value\": null for NULL)");
            }
            seen[index] = true;
            values[index] = value(item.get("value"), name);
        }
        return new ArrayList<>(Arrays.asList(values));
    }

    private static Object value(JsonNode value, String name) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw refuse("gives " + name + " the integer " + value + ", beyond BIGINT: send it as a string or a decimal number");
            }
            return value.asLong();
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        throw refuse("gives " + name + " a JSON " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + ": send a string, number, boolean or null");
    }

    private static RequestRefused refuse(String problem) {
        return RequestRefused.badRequest("the query parameter query_parameters " + problem);
    }
}
