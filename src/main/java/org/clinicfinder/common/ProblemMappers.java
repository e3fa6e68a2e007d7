package org.clinicfinder.common;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.clinicfinder.api.model.FieldError;
import org.clinicfinder.api.model.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into RFC 9457 problem details. Clients never see a Java class name or a stack trace:
 * unexpected failures are logged with an id, and only the id is returned.
 */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String READ_ONLY_TRANSACTION = "25006";

    @Inject
    ClinicFinderConfig config;

    @Inject
    ApiContract contract;

    @ServerExceptionMapper
    public Response problem(ProblemException exception, UriInfo uriInfo) {
        Problem problem = exception.type().problem(exception.getMessage(), path(uriInfo));
        problem.setErrors(exception.errors());
        Response.ResponseBuilder response = response(exception.type(), problem);
        exception.headers().forEach(response::header);
        return response.build();
    }


    @ServerExceptionMapper
    public Response notFound(NotFoundException exception, UriInfo uriInfo) {
        return simple(ProblemType.NOT_FOUND, "Nothing is published at " + path(uriInfo) + ".", uriInfo);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException exception, UriInfo uriInfo) {
        String allowed = String.join(", ", contract.allowedMethods(path(uriInfo)));
        Problem problem = ProblemType.METHOD_NOT_ALLOWED.problem(
                "Use one of: " + allowed + ".", path(uriInfo));
        return response(ProblemType.METHOD_NOT_ALLOWED, problem).header(HttpHeaders.ALLOW, allowed).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException exception, UriInfo uriInfo) {
        return simple(ProblemType.NOT_ACCEPTABLE, "This resource is available as application/json.", uriInfo);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException exception, UriInfo uriInfo, Request request) {
        List<String> accepted = contract.requestMediaTypes(path(uriInfo), request.getMethod());
        return simple(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as "
                + (accepted.isEmpty() ? "application/json" : String.join(" or ", accepted)) + ".", uriInfo);
    }

    // Mapped one by one, more precisely than the JSON extension's own mappers, which answer plain JSON.
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException exception, UriInfo uriInfo) {
        return unreadableBody(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException exception, UriInfo uriInfo) {
        return unreadableBody(exception, uriInfo);
    }

    @ServerExceptionMapper
    public Response malformedBody(com.fasterxml.jackson.core.JsonParseException exception, UriInfo uriInfo) {
        return unreadableBody(exception, uriInfo);
    }

    /** A JSON body that cannot be read, or not as the expected shape: 400 naming the field where it can. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException exception, UriInfo uriInfo) {
        // The body's stream refused to go on (RequestBodyLimitFilter's limit on a chunked body): that is the answer.
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException refusal) {
                return problem(refusal, uriInfo);
            }
        }
        FieldError error = bodyError(exception);
        Problem problem = ProblemType.INVALID_BODY.problem(error.getName() + ": " + error.getMessage(), path(uriInfo));
        problem.setErrors(List.of(error));
        return response(ProblemType.INVALID_BODY, problem).build();
    }

    /** What is wrong with a JSON body that cannot be read as the expected shape, and where. */
    public static FieldError bodyError(JsonProcessingException exception) {
        String field = exception instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body") : "body";
        String message;
        if (exception instanceof UnrecognizedPropertyException unknown) {
            field = unknown.getPropertyName();
            message = "is not a field of this request; it takes " + unknown.getKnownPropertyIds();
        } else if (exception instanceof MismatchedInputException && String.valueOf(exception.getOriginalMessage())
                .startsWith("Missing required creator property")) {
            message = "is required";
        } else if (exception instanceof MismatchedInputException) {
            message = "has the wrong type";
        } else {
            message = "is not valid JSON";
        }
        return new FieldError(field, message);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, UriInfo uriInfo) {
        int status = exception.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(exception, uriInfo);
        }
        if (status == 400) {
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonProcessingException json) {
                    return unreadableBody(json, uriInfo);
                }
            }
            return simple(ProblemType.INVALID_PARAMETERS, "The request could not be read.", uriInfo);
        }
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = known == null ? "The request was refused" : known.getReasonPhrase();
        Problem problem = new Problem(Problem.TypeEnum.ABOUT_BLANK, title, status).instance(path(uriInfo));
        return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, UriInfo uriInfo) {
        if (isDatabaseUnavailable(exception)) {
            LOG.warnf("Database unavailable for %s: %s", path(uriInfo), rootMessage(exception));
            Problem problem = ProblemType.SERVICE_UNAVAILABLE.problem(
                    "The directory could not answer in time. Please retry in a few seconds.", path(uriInfo));
            return response(ProblemType.SERVICE_UNAVAILABLE, problem)
                    .header(HttpHeaders.RETRY_AFTER, config.database().retryAfterSeconds())
                    .build();
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(exception, "Unexpected failure %s on %s", errorId, path(uriInfo));
        return simple(ProblemType.INTERNAL_ERROR, "The failure was logged with the id " + errorId
                + "; please quote it when reporting the problem.", uriInfo);
    }

    public static Response.ResponseBuilder response(ProblemType type, Problem problem) {
        return Response.status(type.status()).type(PROBLEM_JSON).entity(problem);
    }

    private static Response simple(ProblemType type, String detail, UriInfo uriInfo) {
        return response(type, type.problem(detail, path(uriInfo))).build();
    }

    public static String path(UriInfo uriInfo) {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }


    /**
     * Connection failures, pool exhaustion and statement timeouts are the database's trouble, not the
     * client's: they answer 503 with Retry-After. SQL states: 08 connection, 53 resources, 57 operator
     * intervention (57014 is a statement timeout), 25006 a database that takes no writes (a standby, or one set
     * read-only while it is looked after).
     */
    public static boolean isDatabaseUnavailable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals(READ_ONLY_TRANSACTION))) {
                    return true;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
