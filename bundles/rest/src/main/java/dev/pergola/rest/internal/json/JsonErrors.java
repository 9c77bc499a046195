package dev.pergola.rest.internal.json;


import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

/** Turns Jackson's read failures into envelope errors a client can act on. */
final class JsonErrors {
    private JsonErrors() {
    }

    static ApiException toApiException(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.validation(field(unknown), "unknown field; allowed: " + unknown.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException bad) {
            return ApiException.validation(field(bad), "cannot read '" + bad.getValue() + "' as "
                    + bad.getTargetType().getSimpleName());
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return ApiException.validation(field(mismatch), "has the wrong type, expected "
                    + mismatch.getTargetType().getSimpleName());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getMessage().contains("No content")) {
            return new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; a JSON document is required.");
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ApiException(ErrorCode.MALFORMED_REQUEST, "Malformed JSON" + where + ": " + e.getOriginalMessage(),
                Map.of(), Map.of());
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

}
