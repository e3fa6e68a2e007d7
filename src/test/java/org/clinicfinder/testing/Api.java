package org.clinicfinder.testing;

import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * RestAssured requests whose responses are checked against openapi.yaml: a status the contract does not
 * list for the operation, a missing required field, a wrong type or format fails the test. Requests are
 * not checked, so that tests can send the bad input the service must refuse.
 */
public final class Api {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("openapi.yaml").toAbsolutePath().toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private static final OpenApiValidationFilter CONTRACT = new OpenApiValidationFilter(VALIDATOR);

    private Api() {
    }

    /** A request whose response must match the contract. */
    public static RequestSpecification api() {
        return RestAssured.given().filter(CONTRACT);
    }

    /** The same, to a service the test started itself on this port (integration tests run no Quarkus test app). */
    public static RequestSpecification api(int port) {
        return api().baseUri("http://127.0.0.1").port(port);
    }
}
