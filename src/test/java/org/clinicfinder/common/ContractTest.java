package org.clinicfinder.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is the one description of the API. The resources implement interfaces generated from it (a
 * drift in paths, parameters or models does not compile), every response the other tests receive is checked
 * against it (org.clinicfinder.testing.Api), and here: the service publishes it unchanged, and it is complete.
 */
@QuarkusTest
class ContractTest {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    static JsonNode contractFile() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
    }

    @Test
    void shouldServeTheContractFileUnchanged() throws IOException {
        String served = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        JsonNode servedTree = new ObjectMapper().readTree(served);
        JsonNode file = contractFile();

        assertThat(servedTree.get("paths")).isEqualTo(file.get("paths"));
        assertThat(servedTree.get("components")).isEqualTo(file.get("components"));
        assertThat(servedTree.get("info")).isEqualTo(file.get("info"));
        assertThat(servedTree.get("tags")).isEqualTo(file.get("tags"));
    }

    @Test
    void shouldGiveAnExampleOfEveryResponse() throws IOException {
        JsonNode contract = contractFile();
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> responses = operation.get("responses").fields();
                        responses.hasNext();) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    JsonNode resolved = resolve(contract, response.getValue());
                    resolved.path("content").fields().forEachRemaining(media -> {
                        if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                            missing.add(method.toUpperCase() + " " + path.getKey() + " " + response.getKey() + " "
                                    + media.getKey());
                        }
                    });
                }
            }
        }
        assertThat(missing).as("responses without an example").isEmpty();
    }

    @Test
    void shouldDescribeErrorsAsProblemDetails() throws IOException {
        JsonNode contract = contractFile();
        contract.get("components").get("responses").fields().forEachRemaining(response -> {
            if (response.getValue().path("content").has("application/problem+json")) {
                assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                        .isEqualTo("#/components/schemas/Problem");
            }
        });
        assertThat(contract.at("/components/schemas/Problem/required").toString())
                .contains("type", "title", "status");
    }

    @Test
    void shouldOfferSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        return node.has("$ref") ? contract.at(node.get("$ref").asText().substring(1)) : node;
    }
}
