package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminPartnersTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    @Inject
    AccountService accounts;

    private String editor;
    private String admin;

    @BeforeEach
    void accounts() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
    }

    private RequestSpecification as(String email) {
        return api().auth().preemptive().basic(email, PASSWORD).contentType("application/json");
    }

    @Test
    void shouldManageAPartnerFromKeyToRevocation() {
        Response created = as(admin).body("{\"name\": \"Skin Journal\", \"origins\": [\"https://www.skin-journal.example/\"],"
                + " \"rate\": \"1200/min\"}").post("/api/v1/admin/partners");
        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/admin/partners/[0-9a-f-]{36}"))
                .body("key", matchesPattern("pk_[A-Za-z0-9_-]{32}"))
                .body("origins", contains("https://www.skin-journal.example"))
                .body("rate", equalTo("1200/min"));
        String id = created.path("id");
        String key = created.path("key");
        api().header("X-Api-Key", key).header("Origin", "https://www.skin-journal.example")
                .get("/api/v1/treatments").then().statusCode(200);

        as(admin).get("/api/v1/admin/partners").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.key", not(hasItem(key)));

        as(admin).body("{\"origins\": [\"https://shop.skin-journal.example\"]}").patch("/api/v1/admin/partners/" + id)
                .then().statusCode(200)
                .body("origins", contains("https://shop.skin-journal.example"))
                .body("rate", equalTo("1200/min"));
        api().header("X-Api-Key", key).header("Origin", "https://www.skin-journal.example")
                .get("/api/v1/treatments").then().statusCode(403);
        as(admin).body("{\"rate\": \"10/s\"}").patch("/api/v1/admin/partners/" + id).then().statusCode(200)
                .body("rate", equalTo("10/s"));

        as(admin).post("/api/v1/admin/partners/" + id + "/revoke").then().statusCode(200)
                .body("revokedAt", not(nullValue()));
        api().header("X-Api-Key", key).header("Origin", "https://shop.skin-journal.example")
                .get("/api/v1/treatments").then().statusCode(401);
        as(admin).body("{\"rate\": \"5/s\"}").patch("/api/v1/admin/partners/" + id).then().statusCode(409);

        String trail = as(admin).get("/api/v1/admin/audit?actor=" + admin).then().statusCode(200)
                .body("items.action", contains("partner.revoke", "partner.update", "partner.update", "partner.create"))
                .extract().asString();
        assertThat(trail).doesNotContain(key.substring(3));
    }

    @Test
    void shouldRefuseWhatIsNotAPartner() {
        as(admin).body("{\"name\": \"X\", \"origins\": [\"www.example.com\"]}").post("/api/v1/admin/partners").then()
                .statusCode(400).body("errors[0].name", equalTo("origins"));
        as(admin).body("{\"name\": \"X\", \"origins\": []}").post("/api/v1/admin/partners").then().statusCode(400);
        as(admin).body("{\"name\": \"X\", \"origins\": null}").post("/api/v1/admin/partners").then().statusCode(400);
        as(admin).body("{\"name\": \"X\", \"origins\": [\"https://x.example\"], \"rate\": \"fast\"}")
                .post("/api/v1/admin/partners").then().statusCode(400).body("errors[0].name", equalTo("rate"));
        as(admin).body("{\"name\": \"X\", \"origins\": [\"https://x.example\"], \"key\": \"pk_mine\"}")
                .post("/api/v1/admin/partners").then().statusCode(400).body("errors[0].name", equalTo("key"));
        as(admin).body("{}").patch("/api/v1/admin/partners/" + UUID.randomUUID()).then().statusCode(400);
        as(admin).body("{\"rate\": \"5/s\"}").patch("/api/v1/admin/partners/" + UUID.randomUUID()).then()
                .statusCode(404);
        as(admin).post("/api/v1/admin/partners/" + UUID.randomUUID() + "/revoke").then().statusCode(404);
    }

    @Test
    void shouldKeepPartnersForAdminsOnly() {
        as(editor).get("/api/v1/admin/partners").then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        as(editor).body("{\"name\": \"X\", \"origins\": [\"https://x.example\"]}").post("/api/v1/admin/partners").then()
                .statusCode(403);
        as(editor).body("{\"rate\": \"5/s\"}").patch("/api/v1/admin/partners/" + UUID.randomUUID()).then()
                .statusCode(403);
        as(editor).post("/api/v1/admin/partners/" + UUID.randomUUID() + "/revoke").then().statusCode(403);
        api().get("/api/v1/admin/partners").then().statusCode(401);
    }
}
