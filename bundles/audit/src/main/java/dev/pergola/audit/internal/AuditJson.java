package dev.pergola.audit.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How audit values become JSON: like the REST API (snake_case, ISO-8601 instants, enums by {@code toString()}), with
 * the value of every field whose name says it holds a secret replaced by {@value #REDACTED}, at any depth. Booleans
 * and nulls stay (whether a password is set is not the password).
 */
public final class AuditJson {
    public static final String REDACTED = "[redacted]";
    /** Name fragments of secret fields, compared without case, separators removed. */
    private static final Pattern SECRET = Pattern.compile(
            "password|passwd|passphrase|secret|token|credential|privatekey|hash|salt|authorization|cookie"
                    + "|signature|(key|keys|otp|pin)$");

    private final ObjectMapper mapper;

    public AuditJson() {
        mapper = new ObjectMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code value} as redacted JSON text; null for null. */
    public String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode tree = mapper.valueToTree(value);
            return mapper.writeValueAsString(redact(tree));
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write an audit value of " + value.getClass().getName()
                    + " as JSON: " + e.getMessage(), e);
        }
    }

    /** Stored JSON back as maps, lists and scalars; null for null. */
    public Object read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A stored JSON object as a map; empty for null. */
    public Map<String, Object> readObject(String json) {
        if (json == null) {
            return new LinkedHashMap<>();
        }
        try {
            return mapper.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit record holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static boolean isSecretName(String field) {
        String plain = field.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET.matcher(plain).find();
    }

    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecretName(field.getKey())) {
                    field.setValue(hide(field.getValue()));
                } else {
                    redact(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditJson::redact);
        }
        return node;
    }

    /**
     * The value of a secret-named field: a scalar is replaced, the scalars of a list too ({@code "keys": [...]}); an
     * object keeps its shape and its own field names decide ({@code "api_keys": [{"id", "secret"}]}).
     */
    private static JsonNode hide(JsonNode value) {
        if (value.isObject()) {
            return redact(value);
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, hide(array.get(i)));
            }
            return array;
        }
        return value.isNull() || value.isBoolean() ? value : TextNode.valueOf(REDACTED);
    }
}
