package org.clinicfinder.admin;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answer of the API, public or admin, success or problem, carries the headers that keep a browser from
 * treating it as a page; the admin API's answers are kept out of caches, while the public reads keep theirs.
 */
@QuarkusTest
class ApiSecurityHeadersTest {

    @Inject
    AccountService accounts;

    private static ValidatableResponse assertDataOnly(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/providers?country=GB", "/api/v1/providers?limit=0", "/api/v1/treatments",
            "/api/v1/providers/00000000-0000-0000-0000-000000000000", "/api/v1/no-such-thing", "/api/v1/admin/me"})
    void shouldMarkEveryApiAnswerAsData(String path) {
        assertDataOnly(api().get(path).then());
    }

    @Test
    void shouldKeepAdminAnswersOutOfCachesAndPublicReadsCacheable() {
        String editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        assertDataOnly(api().auth().preemptive().basic(editor, TestAccounts.PASSWORD).get("/api/v1/admin/me").then()
                .statusCode(200).header("Cache-Control", "no-store"));
        assertDataOnly(api().get("/api/v1/treatments").then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=300")));
    }
}
