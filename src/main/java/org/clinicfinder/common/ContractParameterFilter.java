package org.clinicfinder.common;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.clinicfinder.api.model.FieldError;
import org.clinicfinder.common.ApiContract.Location;
import org.clinicfinder.common.ApiContract.Parameter;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks every parameter of a request against its declaration in openapi.yaml before the resource method
 * runs: unknown and repeated query parameters, types, ranges, lengths, patterns and enumerations. All the
 * problems of a request are reported together, each under the parameter's name.
 *
 * <p>Running before JAX-RS converts the values also means a malformed number or id is a 400 naming the
 * parameter, never the 404 that JAX-RS prescribes for a failed query or path conversion.
 */
public class ContractParameterFilter {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern UUID_FORMAT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The contract's patterns, compiled once each: compiling one took more than matching every value. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    @Inject
    ApiContract contract;

    @ServerRequestFilter
    public void checkParameters(ContainerRequestContext request, ResourceInfo resourceInfo) {
        if (resourceInfo == null || resourceInfo.getResourceMethod() == null) {
            return;
        }
        // Generated interfaces name each method after its operationId.
        String operationId = resourceInfo.getResourceMethod().getName();
        if (!contract.hasOperation(operationId)) {
            return;
        }
        Map<String, Parameter> declared = contract.parameters(operationId);
        List<FieldError> errors = new ArrayList<>();
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (String name : query.keySet()) {
            Parameter parameter = declared.get(name);
            if (parameter == null || parameter.in() != Location.QUERY) {
                errors.add(new FieldError(name, "unknown parameter; this operation takes "
                        + describe(declared, Location.QUERY)));
            }
        }
        for (Parameter parameter : declared.values()) {
            List<String> values = switch (parameter.in()) {
                case QUERY -> query.get(parameter.name());
                case PATH -> request.getUriInfo().getPathParameters().get(parameter.name());
                case HEADER -> request.getHeaders().get(parameter.name());
            };
            check(parameter, values == null ? List.of() : values, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidParameters(errors);
        }
    }

    private static void check(Parameter parameter, List<String> values, List<FieldError> errors) {
        String name = parameter.name();
        if (values.isEmpty()) {
            if (parameter.required()) {
                errors.add(new FieldError(name, "is required"));
            }
            return;
        }
        JsonNode schema = parameter.schema();
        if (!parameter.isArray()) {
            if (values.size() > 1 && parameter.in() == Location.QUERY) {
                errors.add(new FieldError(name, "is given " + values.size() + " times; it takes one value"));
                return;
            }
            checkValue(name, values.get(0), schema, errors);
            return;
        }
        List<String> items = parameter.explode() ? values
                : values.stream().flatMap(value -> Arrays.stream(value.split(",", -1))).toList();
        int maxItems = schema.path("maxItems").asInt(Integer.MAX_VALUE);
        if (items.size() > maxItems) {
            errors.add(new FieldError(name, "takes at most " + maxItems + " values; " + items.size() + " were given"));
            return;
        }
        for (String item : items) {
            if (!checkValue(name, item, schema.path("items"), errors)) {
                return;
            }
        }
    }

    /** Adds at most one error for the value; answers whether it was valid. */
    private static boolean checkValue(String name, String value, JsonNode schema, List<FieldError> errors) {
        String problem = problemWith(value, schema);
        if (problem != null) {
            errors.add(new FieldError(name, problem));
        }
        return problem == null;
    }

    private static String problemWith(String value, JsonNode schema) {
        String type = schema.path("type").asText("string");
        switch (type) {
            case "integer":
                if (!INTEGER.matcher(value).matches()) {
                    return "must be a whole number, not \"" + shorten(value) + "\"";
                }
                return rangeProblem(new BigDecimal(value), schema);
            case "number":
                if (!DECIMAL.matcher(value).matches()) {
                    return "must be a number, not \"" + shorten(value) + "\"";
                }
                return rangeProblem(new BigDecimal(value), schema);
            case "boolean":
                return value.equals("true") || value.equals("false") ? null
                        : "must be true or false, not \"" + shorten(value) + "\"";
            default:
                return stringProblem(value, schema);
        }
    }

    private static String stringProblem(String value, JsonNode schema) {
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return "must not contain control characters";
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(option -> allowed.add(option.asText()));
            return allowed.contains(value) ? null
                    : "unknown value \"" + shorten(value) + "\"; allowed: " + String.join(", ", allowed);
        }
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            return value.isEmpty() ? "must not be empty"
                    : "must be at least " + schema.get("minLength").asInt() + " characters long";
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            return "must be at most " + schema.get("maxLength").asInt() + " characters long; " + length
                    + " were given";
        }
        if ("uuid".equals(schema.path("format").asText()) && !UUID_FORMAT.matcher(value).matches()) {
            return "must be an id such as 1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b, not \"" + shorten(value) + "\"";
        }
        if (schema.has("pattern")
                && !PATTERNS.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile).matcher(value).matches()) {
            String expected = schema.path("x-expected").asText("text matching " + schema.get("pattern").asText());
            return "must be " + expected + ", not \"" + shorten(value) + "\"";
        }
        return null;
    }

    private static String rangeProblem(BigDecimal number, JsonNode schema) {
        boolean exclusiveMin = schema.path("exclusiveMinimum").asBoolean(false);
        boolean exclusiveMax = schema.path("exclusiveMaximum").asBoolean(false);
        BigDecimal min = schema.has("minimum") ? schema.get("minimum").decimalValue() : null;
        BigDecimal max = schema.has("maximum") ? schema.get("maximum").decimalValue() : null;
        boolean tooLow = min != null && (exclusiveMin ? number.compareTo(min) <= 0 : number.compareTo(min) < 0);
        boolean tooHigh = max != null && (exclusiveMax ? number.compareTo(max) >= 0 : number.compareTo(max) > 0);
        if (!tooLow && !tooHigh) {
            return null;
        }
        String lower = min == null ? null : (exclusiveMin ? "greater than " : "at least ") + min.toPlainString();
        String upper = max == null ? null : (exclusiveMax ? "less than " : "at most ") + max.toPlainString();
        String bounds = lower != null && upper != null ? lower + " and " + upper : lower != null ? lower : upper;
        return "must be " + bounds + ", not " + number.toPlainString();
    }

    private static String describe(Map<String, Parameter> declared, Location in) {
        String names = declared.values().stream()
                .filter(parameter -> parameter.in() == in)
                .map(Parameter::name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "no query parameters" : names;
    }

    /** Echoed values are cut short so that an error never carries a client's megabyte back. */
    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
