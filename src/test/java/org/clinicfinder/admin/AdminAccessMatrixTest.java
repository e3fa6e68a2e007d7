package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.embed.PartnerKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every admin operation of openapi.yaml, tried by every kind of caller. The contract says who may: an
 * operation with {@code x-roles: [admin]} is for the admin role only, the others for editors too. So an operation added
 * to the contract is covered here without anyone remembering to.
 */
@QuarkusTest
class AdminAccessMatrixTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    record Operation(String method, String path, boolean adminOnly, String contentType) {
    }

    @Inject
    AccountService accounts;

    private String editor;
    private String admin;

    @BeforeEach
    void accounts() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
    }

    static List<Operation> adminOperations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                boolean admin = false;
                for (JsonNode requirement : method.getValue().path("security")) {
                    admin |= requirement.has("adminBasic");
                }
                if (admin) {
                    // Any well-formed id: refusals come before the id is looked up.
                    String concrete = path.getKey().replaceAll("\\{index}", "0").replaceAll("\\{[^}]+}",
                            UUID.randomUUID().toString());
                    // The body in the operation's own media type, so that refusals are about who calls.
                    Iterator<String> mediaTypes = method.getValue().path("requestBody").path("content").fieldNames();
                    operations.add(new Operation(method.getKey().toUpperCase(), concrete,
                            adminOnly(method.getValue()), mediaTypes.hasNext() ? mediaTypes.next() : "application/json"));
                }
            }
        }
        return operations;
    }

    private static boolean adminOnly(JsonNode operation) {
        for (JsonNode role : operation.path("x-roles")) {
            if (role.asText().equals("admin")) {
                return true;
            }
        }
        return false;
    }

    private static Response call(RequestSpecification request, Operation operation) {
        return request.contentType(operation.contentType()).body("{}").header("If-Match", "\"v0\"")
                .request(operation.method(), operation.path() + (operation.path().endsWith("/export") ? "?format=csv" : ""));
    }

    @Test
    void shouldLetInOnlyTheRolesTheContractNames() throws IOException {
        List<Operation> operations = adminOperations();
        assertThat(operations).hasSizeGreaterThan(10);
        String partnerKey = PartnerKeys.generate();
        for (Operation operation : operations) {
            String what = operation.method() + " " + operation.path();
            assertThat(call(RestAssured.given(), operation).statusCode()).as("anonymous " + what).isEqualTo(401);
            assertThat(call(RestAssured.given().header("X-Api-Key", partnerKey).header("Origin", "https://p.example"),
                    operation).statusCode()).as("partner key " + what).isEqualTo(401);
            // A fresh email each time, so that failed sign-ins do not lock the editor used below.
            assertThat(call(RestAssured.given().auth().preemptive().basic(UUID.randomUUID() + "@clinic-finder.example",
                    PASSWORD), operation).statusCode()).as("unknown account " + what).isEqualTo(401);

            int asEditor = call(RestAssured.given().auth().preemptive().basic(editor, PASSWORD), operation).statusCode();
            int asAdmin = call(RestAssured.given().auth().preemptive().basic(admin, PASSWORD), operation).statusCode();
            if (operation.adminOnly()) {
                assertThat(asEditor).as("editor " + what).isEqualTo(403);
            } else {
                assertThat(asEditor).as("editor " + what).isNotIn(401, 403).isLessThan(500);
            }
            assertThat(asAdmin).as("admin " + what).isNotIn(401, 403).isLessThan(500);
        }
    }
}
