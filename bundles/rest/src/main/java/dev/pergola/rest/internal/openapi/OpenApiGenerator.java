package dev.pergola.rest.internal.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.annotation.security.DenyAll;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pergola.api.query.ListParameters;
import dev.pergola.rest.internal.json.JsonMapper;

/**
 * Builds an OpenAPI 3.0.3 document (a JSON-ready tree) from JAX-RS resource classes: paths, methods,
 * parameters, bodies, and the security each method declares ({@code @PermitAll}, {@code @RolesAllowed},
 * {@code @DenyAll}, or nothing = any signed-in caller). Bodies are described as the platform's JSON mapper
 * writes them; a {@link ListParameters} method gets the list-query parameters of its {@code ListSpec}.
 */
public final class OpenApiGenerator {
    private static final List<String> METHOD_ORDER = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private final ObjectMapper mapper;

    public OpenApiGenerator() {
        this(JsonMapper.create());
    }

    public OpenApiGenerator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The document, with a stable key order: the same code gives byte-identical JSON on every node and run. */
    public Map<String, Object> generate(String title, String version, String basePath, Collection<Class<?>> resources) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) stable(build(title, version, basePath, resources));
        return doc;
    }

    /** Insertion-ordered maps keep their order; others (Map.of, whose order varies per JVM) are sorted by key. */
    static Object stable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = map instanceof LinkedHashMap || map instanceof java.util.SortedMap
                    ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), stable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiGenerator::stable).toList();
        }
        return value;
    }

    private Map<String, Object> build(String title, String version, String basePath, Collection<Class<?>> resources) {
        Schemas schemas = new Schemas(mapper);
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        List<Class<?>> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(Class::getName));
        Map<String, Integer> operationIds = new LinkedHashMap<>();
        for (Class<?> type : sorted) {
            Path classPath = findAnnotation(type, Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : publicMethods(type)) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(basePath, classPath.value(), methodPath == null ? "" : methodPath.value());
                Map<String, Object> operation = operation(type, method, path, schemas);
                String id = type.getSimpleName() + "_" + method.getName();
                int seen = operationIds.merge(id, 1, Integer::sum);
                operation.put("operationId", seen == 1 ? id : id + "_" + seen);
                paths.computeIfAbsent(path, p -> new TreeMap<>(Comparator.comparingInt(METHOD_ORDER::indexOf)))
                        .put(http.toLowerCase(), operation);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", title, "version", version));
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas.all());
        components.put("securitySchemes", Map.of(
                "bearerAuth", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key")));
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> operation(Class<?> type, Method method, String path, Schemas schemas) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(tag(path)));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Object body = null;
        for (Parameter p : method.getParameters()) {
            PathParam pathParam = p.getAnnotation(PathParam.class);
            QueryParam query = p.getAnnotation(QueryParam.class);
            HeaderParam header = p.getAnnotation(HeaderParam.class);
            if (pathParam != null) {
                parameters.add(parameter(pathParam.value(), "path", true, p, schemas));
            } else if (query != null) {
                parameters.add(parameter(query.value(), "query", false, p, schemas));
            } else if (header != null) {
                parameters.add(parameter(header.value(), "header", false, p, schemas));
            } else if (!p.isAnnotationPresent(Context.class) && p.getAnnotations().length == 0) {
                String consumes = mediaType(method.getAnnotation(Consumes.class), findAnnotation(type, Consumes.class));
                body = Map.of("required", true, "content", Map.of(consumes,
                        Map.of("schema", schemas.of(p.getParameterizedType()))));
            }
        }
        if (method.isAnnotationPresent(ListParameters.class)) {
            listParameters(type, method, parameters, op);
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (body != null) {
            op.put("requestBody", body);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        if (method.getReturnType() == void.class) {
            responses.put("204", Map.of("description", "No content"));
        } else {
            Map<String, Object> ok = new LinkedHashMap<>();
            ok.put("description", "OK");
            String produces = mediaType(method.getAnnotation(Produces.class), findAnnotation(type, Produces.class));
            Class<?> raw = method.getReturnType();
            boolean describable = raw != Object.class && !javax.ws.rs.core.Response.class.isAssignableFrom(raw);
            ok.put("content", Map.of(produces, describable
                    ? Map.of("schema", schemas.of(method.getGenericReturnType())) : Map.of()));
            responses.put("200", ok);
        }
        responses.put("default", Map.of("description", "Error", "content",
                Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        op.put("responses", responses);
        security(type, method, op);
        return op;
    }

    /** A misnamed spec is reported in the operation ({@code x-list-parameters-error}), not by failing the document. */
    private static void listParameters(Class<?> type, Method method, List<Map<String, Object>> parameters,
            Map<String, Object> op) {
        try {
            for (Map<String, Object> p : ListSpecParameters.of(ListSpecParameters.specOf(type, method))) {
                if (parameters.stream().noneMatch(q -> q.get("name").equals(p.get("name")) && "query".equals(q.get("in")))) {
                    parameters.add(p);
                }
            }
        } catch (IllegalStateException e) {
            op.put("x-list-parameters-error", e.getMessage());
        }
    }

    /**
     * {@code x-access}: {@code public}, {@code authenticated}, {@code permission} or {@code deny};
     * {@code x-declared}: whether the method or its class says so explicitly (a method that declares nothing
     * needs a signed-in caller). {@code @RolesAllowed("**")} means any signed-in caller.
     */
    private static void security(Class<?> type, Method method, Map<String, Object> op) {
        boolean onMethod = hasAccessAnnotation(method);
        boolean declared = onMethod || hasAccessAnnotation(type);
        boolean permitAll = onMethod ? method.isAnnotationPresent(PermitAll.class) : type.isAnnotationPresent(PermitAll.class);
        boolean denyAll = onMethod ? method.isAnnotationPresent(DenyAll.class) : type.isAnnotationPresent(DenyAll.class);
        RolesAllowed roles = onMethod ? method.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
        List<String> permissions = roles == null ? List.of()
                : Arrays.stream(roles.value()).filter(r -> !r.equals("**")).toList();
        op.put("x-declared", declared);
        if (permitAll) {
            op.put("security", List.of());
            op.put("x-access", "public");
            op.put("description", "Public.");
            return;
        }
        op.put("security", List.of(Map.of("bearerAuth", List.of()), Map.of("apiKey", List.of())));
        if (denyAll) {
            op.put("x-access", "deny");
            op.put("description", "Not available to anyone.");
        } else if (!permissions.isEmpty()) {
            op.put("x-access", "permission");
            op.put("x-required-permissions", permissions);
            op.put("description", "Requires permission " + String.join(" or ", permissions) + ".");
        } else {
            op.put("x-access", "authenticated");
            op.put("description", "Requires a signed-in caller.");
        }
    }

    private static boolean hasAccessAnnotation(java.lang.reflect.AnnotatedElement element) {
        return element.isAnnotationPresent(PermitAll.class) || element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, Parameter p, Schemas schemas) {
        Map<String, Object> param = new LinkedHashMap<>();
        param.put("name", name);
        param.put("in", in);
        param.put("required", required);
        Map<String, Object> schema = new LinkedHashMap<>(schemas.of(p.getParameterizedType()));
        DefaultValue def = p.getAnnotation(DefaultValue.class);
        if (def != null) {
            schema.put("default", def.value());
        }
        param.put("schema", schema);
        return param;
    }

    private static String mediaType(Annotation onMethod, Annotation onClass) {
        Annotation chosen = onMethod != null ? onMethod : onClass;
        String[] values = chosen instanceof Produces p ? p.value() : chosen instanceof Consumes c ? c.value() : null;
        return values == null || values.length == 0 ? "application/json" : values[0];
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Public methods, with JAX-RS annotations found on the interface or superclass method when the class has none. */
    private static List<Method> publicMethods(Class<?> type) {
        List<Method> result = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            result.add(httpMethod(m) != null ? m : annotatedOverride(type, m));
        }
        result.sort(Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        return result;
    }

    private static Method annotatedOverride(Class<?> type, Method m) {
        List<Class<?>> supers = new ArrayList<>(Arrays.asList(type.getInterfaces()));
        if (type.getSuperclass() != null) {
            supers.add(type.getSuperclass());
        }
        for (Class<?> s : supers) {
            try {
                Method candidate = s.getMethod(m.getName(), m.getParameterTypes());
                if (httpMethod(candidate) != null) {
                    return candidate;
                }
            } catch (NoSuchMethodException ignored) {
                // not declared there
            }
        }
        return m;
    }

    private static <A extends Annotation> A findAnnotation(Class<?> type, Class<A> annotation) {
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            if (t.getAnnotation(annotation) != null) {
                return t.getAnnotation(annotation);
            }
            for (Class<?> i : t.getInterfaces()) {
                if (i.getAnnotation(annotation) != null) {
                    return i.getAnnotation(annotation);
                }
            }
        }
        return null;
    }

    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isBlank()) {
                    sb.append('/').append(segment.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    /** {@code /api/v1/users/{id}} → {@code users}; {@code /api/health} → {@code health}. */
    static String tag(String path) {
        List<String> segments = new ArrayList<>(Arrays.asList(path.replaceFirst("^/", "").split("/")));
        segments.remove("api");
        segments.removeIf(s -> s.matches("v\\d+"));
        return segments.isEmpty() || segments.get(0).isEmpty() ? "default" : segments.get(0).replaceAll("[{}]", "");
    }
}
