package dev.outcrop.core.internal.ai;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.outcrop.core.error.OutcropErrorCode;
import dev.outcrop.core.error.OutcropException;
import java.io.IOException;

/** Checks that a request body is one well-formed JSON value, so a broken one fails before any call. */
public final class JsonCheck {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonCheck() {
    }

    static void requireWellFormed(String json, String function, String model) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": the request for model '" + model
                        + "' is empty; send a JSON object in the model's request format");
            }
            parser.skipChildren();
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": the request for model '" + model
                        + "' has text after its JSON value, at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + "; send exactly one JSON object");
            }
        }
        catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new OutcropException(OutcropErrorCode.INVALID_ARGUMENT, function + ": the request for model '" + model
                    + "' is not well-formed JSON" + where + ": " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw new OutcropException(OutcropErrorCode.INTERNAL, "could not read the request JSON: " + e.getMessage(), e);
        }
    }
}
