package org.clinicfinder.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The parameters of every operation, read from openapi.yaml (as served at /q/openapi). Limits such as page size
 * or radius are stated there once; {@link ContractParameterFilter} enforces them from here.
 */
@Singleton
public class ApiContract {

    static final String RESOURCE = "META-INF/openapi.yaml";

    /** Where a parameter travels. */
    public enum Location {
        QUERY, PATH, HEADER
    }

    /** One declared parameter, its schema with every $ref resolved. */
    public record Parameter(String name, Location in, boolean required, boolean explode, JsonNode schema) {
        public boolean isArray() {
            return "array".equals(schema.path("type").asText());
        }
    }

    private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "patch");

    private final JsonNode document;
    private final Map<String, Map<String, Parameter>> parametersByOperation;
    private final Map<java.util.regex.Pattern, PathOperations> methodsByPath;
    private final java.util.Set<String> partnerKeyOperations = new java.util.HashSet<>();
    private final Map<String, String> cacheClasses = new HashMap<>();
    private final Map<String, Integer> successStatuses = new HashMap<>();

    public ApiContract() {
        this.document = read();
        this.parametersByOperation = Collections.unmodifiableMap(indexParameters());
        this.methodsByPath = Collections.unmodifiableMap(indexMethods());
    }

    /** The HTTP methods the contract declares for a request path (HEAD and OPTIONS come with GET). */
    public List<String> allowedMethods(String path) {
        return declared(path).map(PathOperations::methods).orElse(List.of());
    }

    /** The media types the contract declares for the request body of a method on a request path. */
    public List<String> requestMediaTypes(String path, String method) {
        return declared(path).map(operations -> operations.bodyMediaTypes()
                .getOrDefault(method.toUpperCase(java.util.Locale.ROOT), List.of())).orElse(List.of());
    }

    /** What the contract declares for one path: its methods, and the media types each method's body takes. */
    private record PathOperations(List<String> methods, Map<String, List<String>> bodyMediaTypes) {
    }

    private Optional<PathOperations> declared(String path) {
        return methodsByPath.entrySet().stream()
                .filter(entry -> entry.getKey().matcher(path).matches())
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private Map<java.util.regex.Pattern, PathOperations> indexMethods() {
        Map<java.util.regex.Pattern, PathOperations> index = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            List<String> methods = new ArrayList<>();
            Map<String, List<String>> bodyMediaTypes = new HashMap<>();
            for (String method : HTTP_METHODS) {
                if (path.getValue().has(method)) {
                    String name = method.toUpperCase(java.util.Locale.ROOT);
                    methods.add(name);
                    List<String> mediaTypes = new ArrayList<>();
                    path.getValue().get(method).path("requestBody").path("content").fieldNames()
                            .forEachRemaining(mediaTypes::add);
                    bodyMediaTypes.put(name, List.copyOf(mediaTypes));
                }
            }
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
            String regex = java.util.Arrays.stream(path.getKey().split("/", -1))
                    .map(segment -> segment.startsWith("{") ? "[^/]+" : java.util.regex.Pattern.quote(segment))
                    .collect(java.util.stream.Collectors.joining("/"));
            index.put(java.util.regex.Pattern.compile(regex), new PathOperations(List.copyOf(methods),
                    Map.copyOf(bodyMediaTypes)));
        });
        return index;
    }

    /** The operation's parameters by name, in contract order; empty when the id is unknown. */
    public Map<String, Parameter> parameters(String operationId) {
        return parametersByOperation.getOrDefault(operationId, Map.of());
    }

    public boolean hasOperation(String operationId) {
        return parametersByOperation.containsKey(operationId);
    }

    /**
     * Whether the operation takes a partner key (an API key scheme in a header or the query): the public,
     * rate-limited API.
     */
    public boolean acceptsPartnerKey(String operationId) {
        return partnerKeyOperations.contains(operationId);
    }

    /** The operation's success status where it is not 200: 201 Created or 202 Accepted. */
    public Optional<Integer> successStatus(String operationId) {
        return Optional.ofNullable(successStatuses.get(operationId));
    }

    /**
     * For an operation that answers with an ETag and honours If-None-Match (it declares a 304 response), how
     * long its answers may be reused: its {@code x-cache-max-age}, a class of answers whose max-age is
     * configured (results, reference, widget).
     */
    public Optional<String> cacheClass(String operationId) {
        return Optional.ofNullable(cacheClasses.get(operationId));
    }

    private static JsonNode read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    private Map<String, Map<String, Parameter>> indexParameters() {
        Map<String, Map<String, Parameter>> index = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            JsonNode pathItem = paths.next().getValue();
            List<JsonNode> shared = list(pathItem.path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = pathItem.fields(); ops.hasNext();) {
                JsonNode operation = ops.next().getValue();
                if (!operation.has("operationId")) {
                    continue;
                }
                Map<String, Parameter> parameters = new LinkedHashMap<>();
                List<JsonNode> declared = new ArrayList<>(shared);
                declared.addAll(list(operation.path("parameters")));
                for (JsonNode node : declared) {
                    Parameter parameter = parameter(resolve(node));
                    parameters.put(parameter.name(), parameter);
                }
                String operationId = operation.get("operationId").asText();
                for (JsonNode requirement : operation.path("security")) {
                    requirement.fieldNames().forEachRemaining(scheme -> {
                        JsonNode definition = document.path("components").path("securitySchemes").path(scheme);
                        // A partner key is an API key in a header or the query; the admin schemes (Basic, a
                        // bearer token, the session's cookie) do not make an operation part of the public API.
                        String in = definition.path("in").asText();
                        if (!"apiKey".equals(definition.path("type").asText()) || !(in.equals("header")
                                || in.equals("query"))) {
                            return;
                        }
                        partnerKeyOperations.add(operationId);
                        // A key in the query is a query parameter like any other for the checks.
                        if ("query".equals(in)) {
                            String name = definition.path("name").asText();
                            parameters.put(name, new Parameter(name, Location.QUERY, false, true,
                                    JsonNodeFactory.instance.objectNode().put("type", "string").put("maxLength", 100)));
                        }
                    });
                }
                index.put(operationId, Collections.unmodifiableMap(parameters));
                for (String status : List.of("201", "202")) {
                    if (operation.path("responses").has(status)) {
                        successStatuses.put(operationId, Integer.valueOf(status));
                    }
                }
                if (operation.path("responses").has("304") && operation.has("x-cache-max-age")) {
                    cacheClasses.put(operationId, operation.get("x-cache-max-age").asText());
                }
            }
        }
        return index;
    }

    private Parameter parameter(JsonNode node) {
        Location in = Location.valueOf(node.path("in").asText().toUpperCase(java.util.Locale.ROOT));
        // OpenAPI: form style explodes by default.
        boolean explode = node.path("explode").asBoolean(true);
        return new Parameter(node.path("name").asText(), in, node.path("required").asBoolean(false), explode,
                resolveSchema(node.path("schema")));
    }

    private JsonNode resolveSchema(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("items")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = resolved.deepCopy();
            copy.set("items", resolveSchema(resolved.get("items")));
            return copy;
        }
        return resolved;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("Only local references are supported: " + ref);
            }
            current = document.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("Unresolved reference " + ref);
            }
        }
        return current;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
