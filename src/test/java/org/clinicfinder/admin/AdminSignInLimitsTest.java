package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Limits that take an address or a clock to reach, made small enough to reach in a test: the lock of an address
 * that tries many accounts, and the end of a session left idle.
 */
@QuarkusTest
@TestProfile(AdminSignInLimitsTest.SmallLimits.class)
// The session is opened before the address is locked: both come from the one address tests have.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminSignInLimitsTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic-finder.admin.login.address-failures-before-delay", "2",
                    "clinic-finder.admin.login.address-failures-before-lock", "4",
                    "quarkus.http.auth.form.timeout", "PT3S",
                    "quarkus.http.auth.form.new-cookie-interval", "PT1S");
        }
    }

    @Inject
    AccountService accounts;

    @TestHTTPResource("/")
    URL service;

    @Test
    @Order(2)
    void shouldSlowThenLockAnAddressThatTriesManyAccounts() {
        String account = TestAccounts.create(accounts, AdminRole.EDITOR);
        // Each guess is at another account, none of them failing often enough to be slowed or locked by itself.
        for (int guess = 1; guess <= 4; guess++) {
            long started = System.nanoTime();
            api().auth().preemptive().basic("someone-" + UUID.randomUUID() + "@clinic.example", "guess " + guess)
                    .get("/api/v1/admin/me").then().statusCode(401);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            if (guess > 2) {
                assertThat(tookMillis).as("guess %d from an address that has failed twice is slowed", guess)
                        .isGreaterThanOrEqualTo(900);
            }
        }
        // The address is locked, even for an account it has not tried and its right password.
        api().auth().preemptive().basic(account, PASSWORD).get("/api/v1/admin/me").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("/problems/sign-in-locked"));
        signIn(account).then().statusCode(303).header("Location", matchesPattern("/admin/login\\?locked=[1-9][0-9]*"));
    }

    @Test
    @Order(1)
    void shouldEndASessionLeftIdlePastItsTimeout() throws InterruptedException {
        String account = TestAccounts.create(accounts, AdminRole.EDITOR);
        Response signedIn = signIn(account);
        signedIn.then().statusCode(302);
        String cookie = signedIn.getCookie("cf_admin");
        RestAssured.given().cookie("cf_admin", cookie).get("/api/v1/admin/me").then().statusCode(200)
                .body("email", equalTo(account));

        Thread.sleep(4_000);

        RestAssured.given().cookie("cf_admin", cookie).get("/api/v1/admin/me").then().statusCode(401);
        RestAssured.given().cookie("cf_admin", cookie).redirects().follow(false).get("/admin/").then()
                .statusCode(302).header("Location", containsString("/admin/login"));
    }

    private Response signIn(String email) {
        return RestAssured.given().redirects().follow(false)
                .header("Origin", service.toString().replaceAll("/$", "")).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email).formParam("password", PASSWORD)
                .post("/admin/j_security_check");
    }
}
