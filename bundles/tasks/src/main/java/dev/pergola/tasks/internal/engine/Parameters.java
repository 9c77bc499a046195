package dev.pergola.tasks.internal.engine;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.errors.PergolaException;

/** A task's parameters: a JSON object stored as text. */
public final class Parameters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Parameters() {
    }

    public static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> map = JSON.readValue(text, MAP);
            return map == null ? Map.of() : map;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task parameters are not a JSON object: " + e.getOriginalMessage());
        }
    }

    /** @throws PergolaException VALIDATION_ERROR when the value cannot be written as JSON */
    public static String write(Map<String, Object> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return null;
        }
        try {
            String text = JSON.writeValueAsString(parameters);
            if (text.length() > 100_000) {
                throw PergolaException.invalid("parameters", "must be at most 100000 characters as JSON");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw PergolaException.invalid("parameters", "must be a JSON object");
        }
    }
}
