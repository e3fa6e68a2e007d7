package org.clinicfinder.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** The packaged service (target/quarkus-app) starts, migrates its database and answers. */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @Test
    void shouldServeTheApiFromThePackagedArtifact() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/v1/treatments").then().statusCode(200).body("items", hasSize(7));
        given().queryParam("country", "GB").get("/api/v1/providers").then().statusCode(200);
        given().queryParam("limit", 0).get("/api/v1/providers").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/q/openapi").then().statusCode(200);
    }
}
