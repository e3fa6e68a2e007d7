package org.clinicfinder.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clinicfinder.api.model.FieldError;

/** A refusal the service decides on itself; mapped to RFC 9457 problem details. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<FieldError> errors;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    private ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }

    /** 400 naming each offending parameter; the detail joins their messages. */
    public static ProblemException invalidParameters(List<FieldError> errors) {
        String detail = errors.stream()
                .map(error -> error.getName() + ": " + error.getMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is not valid.");
        return new ProblemException(ProblemType.INVALID_PARAMETERS, detail, errors);
    }

    /** 400 for a request body, naming each offending field. */
    public static ProblemException invalidBody(List<FieldError> errors) {
        String detail = errors.stream().map(error -> error.getName() + ": " + error.getMessage())
                .reduce((a, b) -> a + "; " + b).orElse("The request body is not valid.");
        return new ProblemException(ProblemType.INVALID_BODY, detail, errors);
    }

    /** 400 for a request body, naming the offending field. */
    public static ProblemException invalidBody(String field, String message) {
        return new ProblemException(ProblemType.INVALID_BODY, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static ProblemException invalidParameter(String name, String message) {
        return invalidParameters(List.of(new FieldError(name, message)));
    }

    /** A header the answer carries besides the problem (Retry-After, WWW-Authenticate). */
    public ProblemException withHeader(String name, Object value) {
        headers.put(name, String.valueOf(value));
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
