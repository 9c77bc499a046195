package dev.pergola.rest.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import dev.pergola.api.rest.ApiResponse;
import dev.pergola.api.rest.PergolaApplication;


/**
 * The JSON provider of the platform application. Registered with {@code osgi.jaxrs.media.type=application/json}
 * so that resources of any bundle that say {@code @JSONRequired} resolve. Bad JSON never reaches a resource:
 * it becomes the error envelope (400 for syntax, 422 for unknown or mistyped fields).
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsName("pergola.json")
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(PergolaApplication.SELECT)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class PergolaJsonProvider extends JacksonJsonProvider {
    private final ObjectMapper mapper;

    public PergolaJsonProvider() {
        this(JsonMapper.create());
    }

    private PergolaJsonProvider(ObjectMapper mapper) {
        super(mapper);
        this.mapper = mapper;
    }

    /** A list response that asked for {@code fields} keeps only those properties (and {@code id}) of each item. */
    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        if (value instanceof ApiResponse<?> response && !response.selectedFields().isEmpty()) {
            JsonNode tree = project(mapper.valueToTree(response), response);
            super.writeTo(tree, JsonNode.class, JsonNode.class, annotations, mediaType, httpHeaders, entityStream);
            return;
        }
        super.writeTo(value, type, genericType, annotations, mediaType, httpHeaders, entityStream);
    }

    static JsonNode project(JsonNode tree, ApiResponse<?> response) {
        java.util.Set<String> keep = new java.util.HashSet<>(response.selectedFields());
        keep.add("id");
        for (JsonNode item : tree.path("data")) {
            if (item instanceof ObjectNode object) {
                object.retain(keep);
            }
        }
        return tree;
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        try {
            return super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
        } catch (JsonProcessingException e) {
            throw JsonErrors.toApiException(e);
        }
    }
}
