package dev.pergola.itests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** The operations of an OpenAPI 3 document, in document order, with their parameters and request-body schema. */
final class FuzzSpec {
    record Param(String name, String in, JsonNode schema) {
    }

    record Operation(String method, String path, List<Param> params, JsonNode body, String mediaType, String access) {
        String label() {
            return method + " " + path;
        }

        boolean hasBody() {
            return !body.isMissingNode();
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();

    FuzzSpec(JsonNode doc) {
        this.doc = doc;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations.add(operation(path.getKey(), method.getKey().toUpperCase(), method.getValue()));
            }
        }
    }

    List<Operation> operations() {
        return operations;
    }

    /** Every property name of every schema in the document: candidates for sort, fields and filter[...]. */
    Set<String> propertyNames() {
        Set<String> names = new TreeSet<>();
        doc.path("components").path("schemas").forEach(s -> s.path("properties").fieldNames().forEachRemaining(names::add));
        return names;
    }

    /** Follows {@code $ref}s into {@code components/schemas}; a missing target is an empty schema. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
            String ref = current.path("$ref").asText();
            current = doc.at(ref.startsWith("#") ? ref.substring(1) : "/missing");
        }
        return current;
    }

    private Operation operation(String path, String method, JsonNode op) {
        List<Param> params = new ArrayList<>();
        op.path("parameters").forEach(p -> params.add(new Param(p.path("name").asText(), p.path("in").asText(), p.path("schema"))));
        JsonNode body = MissingNode.getInstance();
        String mediaType = null;
        Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
        if (content.hasNext()) {
            Map.Entry<String, JsonNode> first = content.next();
            mediaType = first.getKey();
            body = first.getValue().path("schema");
        }
        return new Operation(method, path, params, body, mediaType, op.path("x-access").asText("authenticated"));
    }
}
