package org.clinicfinder.common;

import jakarta.ws.rs.core.Response.Status;

import org.clinicfinder.api.model.Problem;

/** The kinds of problem the API reports, each with its stable type URI (from the contract) and title. */
public enum ProblemType {
    INVALID_PARAMETERS(Problem.TypeEnum._PROBLEMS_INVALID_PARAMETERS, Status.BAD_REQUEST,
            "Some request parameters are not valid"),
    NOT_FOUND(Problem.TypeEnum._PROBLEMS_NOT_FOUND, Status.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(Problem.TypeEnum._PROBLEMS_METHOD_NOT_ALLOWED, Status.METHOD_NOT_ALLOWED,
            "This method is not allowed here"),
    NOT_ACCEPTABLE(Problem.TypeEnum._PROBLEMS_NOT_ACCEPTABLE, Status.NOT_ACCEPTABLE,
            "None of the accepted media types can be produced"),
    UNSUPPORTED_MEDIA_TYPE(Problem.TypeEnum._PROBLEMS_UNSUPPORTED_MEDIA_TYPE, Status.UNSUPPORTED_MEDIA_TYPE,
            "The request body's media type is not supported"),
    INTERNAL_ERROR(Problem.TypeEnum._PROBLEMS_INTERNAL_ERROR, Status.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side"),
    SERVICE_UNAVAILABLE(Problem.TypeEnum._PROBLEMS_SERVICE_UNAVAILABLE, Status.SERVICE_UNAVAILABLE,
            "The directory is temporarily unavailable"),
    INVALID_KEY(Problem.TypeEnum._PROBLEMS_INVALID_KEY, Status.UNAUTHORIZED, "The partner key is not valid"),
    ORIGIN_NOT_ALLOWED(Problem.TypeEnum._PROBLEMS_ORIGIN_NOT_ALLOWED, Status.FORBIDDEN,
            "This site may not use this partner key"),
    RATE_LIMITED(Problem.TypeEnum._PROBLEMS_RATE_LIMITED, Status.TOO_MANY_REQUESTS, "Too many requests"),
    UNAUTHENTICATED(Problem.TypeEnum._PROBLEMS_UNAUTHENTICATED, Status.UNAUTHORIZED, "Sign in as an admin"),
    FORBIDDEN(Problem.TypeEnum._PROBLEMS_FORBIDDEN, Status.FORBIDDEN, "Your role does not allow this"),
    SIGN_IN_LOCKED(Problem.TypeEnum._PROBLEMS_SIGN_IN_LOCKED, Status.TOO_MANY_REQUESTS, "Too many failed sign-ins"),
    INVALID_BODY(Problem.TypeEnum._PROBLEMS_INVALID_BODY, Status.BAD_REQUEST, "The request body is not valid"),
    CONFLICT(Problem.TypeEnum._PROBLEMS_CONFLICT, Status.CONFLICT, "The change conflicts with the directory's rules"),
    PRECONDITION_FAILED(Problem.TypeEnum._PROBLEMS_PRECONDITION_FAILED, Status.PRECONDITION_FAILED,
            "The provider has changed since you read it"),
    PRECONDITION_REQUIRED(Problem.TypeEnum._PROBLEMS_PRECONDITION_REQUIRED, Status.PRECONDITION_REQUIRED,
            "If-Match is required"),
    PAYLOAD_TOO_LARGE(Problem.TypeEnum._PROBLEMS_PAYLOAD_TOO_LARGE, Status.REQUEST_ENTITY_TOO_LARGE,
            "The request body is too large"),
    CSRF_REFUSED(Problem.TypeEnum._PROBLEMS_CSRF_REFUSED, Status.FORBIDDEN,
            "The change did not come from the admin page");

    private final Problem.TypeEnum type;
    private final Status status;
    private final String title;

    ProblemType(Problem.TypeEnum type, Status status, String title) {
        this.type = type;
        this.status = status;
        this.title = title;
    }

    public Status status() {
        return status;
    }

    public Problem problem(String detail, String instance) {
        return new Problem(type, title, status.getStatusCode()).detail(detail).instance(instance);
    }
}
