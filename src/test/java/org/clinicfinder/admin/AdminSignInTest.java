package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminSignInTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordIdentityProvider passwords;

    private String editor;
    private String admin;

    @BeforeEach
    void accounts() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
    }

    @Test
    void shouldSignInWithBasicAndSayWhoIsSignedIn() {
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/me").then().statusCode(200)
                .body("email", equalTo(editor))
                .body("role", equalTo("editor"));
        api().auth().preemptive().basic(admin.toUpperCase(), PASSWORD).get("/api/v1/admin/me").then().statusCode(200)
                .body("role", equalTo("admin"));
    }

    @Test
    void shouldLetOnlyAdminsListAccounts() {
        api().auth().preemptive().basic(admin, PASSWORD).get("/api/v1/admin/accounts").then().statusCode(200)
                .body("items.email", org.hamcrest.Matchers.hasItems(editor, admin));
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/accounts").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/forbidden"));
        api().get("/api/v1/admin/accounts").then().statusCode(401);
    }

    @Test
    void shouldAnswer401WithAChallengeWithoutValidCredentials() {
        api().get("/api/v1/admin/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", allOf(containsString("Basic realm=\"clinic-finder admin\""),
                        containsString("Bearer")))
                .body("type", equalTo("/problems/unauthenticated"));
        api().auth().preemptive().basic(editor, "wrong password, surely").get("/api/v1/admin/me").then()
                .statusCode(401).body("type", equalTo("/problems/unauthenticated"));
        api().auth().preemptive().basic("nobody@clinic-finder.example", PASSWORD).get("/api/v1/admin/me").then()
                .statusCode(401);
        api().header("Authorization", "Basic !!!not-base64").get("/api/v1/admin/me").then().statusCode(401);
        api().header("Authorization", "Bearer cfa_" + "x".repeat(32)).get("/api/v1/admin/me").then().statusCode(401);
        api().header("Authorization", "Bearer not-a-token").get("/api/v1/admin/me").then().statusCode(401);
        api().auth().preemptive().basic("nul\u0000@clinic-finder.example", PASSWORD).get("/api/v1/admin/me").then()
                .statusCode(401);
        // No default account: the credentials scanners try first open nothing.
        for (String[] guess : new String[][] {{"admin", "admin"}, {"admin@localhost", "password"},
                {"root", "root"}, {"clinic_finder", "clinic_finder"}}) {
            api().auth().preemptive().basic(guess[0], guess[1]).get("/api/v1/admin/me").then().statusCode(401);
        }
    }

    @Test
    void shouldNeverLetAPartnerKeyIn() {
        String key = org.clinicfinder.embed.PartnerKeys.generate();
        TestDatabase.execute("INSERT INTO partner (name, key_hash, key_hint, origins, rate_limit, rate_window_seconds) "
                + "VALUES ('Partner', '" + org.clinicfinder.embed.PartnerKeys.hash(key) + "', 'pk_', "
                + "'{https://p.example}', 100, 60)");
        api().header("X-Api-Key", key).header("Origin", "https://p.example").get("/api/v1/admin/me").then()
                .statusCode(401);
        api().header("Authorization", "Bearer " + key).get("/api/v1/admin/me").then().statusCode(401);
    }

    @Test
    void shouldLeaveThePublicApiOpenWhateverCredentialsComeAlong() {
        api().auth().preemptive().basic(editor, "wrong password, surely").get("/api/v1/treatments").then()
                .statusCode(200);
        api().header("Authorization", "Bearer nonsense").get("/api/v1/countries").then().statusCode(200);
    }

    @Test
    void shouldRefuseADisabledAccount() {
        TestDatabase.execute("UPDATE admin_account SET disabled_at = now() WHERE email = '" + editor + "'");
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/me").then().statusCode(401);
    }

    @Test
    void shouldIssueATokenOnceAndHonourItUntilRevoked() {
        Response created = api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"name\": \"nightly export\", \"expiresInDays\": 30}")
                .post("/api/v1/admin/tokens");
        created.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/admin/tokens/[0-9a-f-]{36}"))
                .body("secret", matchesPattern("cfa_[A-Za-z0-9_-]{32}"))
                .body("name", equalTo("nightly export"))
                .body("expiresAt", not(nullValue()));
        String secret = created.path("secret");
        String id = created.path("id");
        assertThat(TestDatabase.count("SELECT count(*) FROM admin_token WHERE token_hash = encode(sha256(convert_to('"
                + secret + "', 'UTF8')), 'hex')")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM admin_token WHERE token_hash LIKE '%" + secret.substring(4)
                + "%' OR token_hint = '" + secret + "'")).isZero();

        api().auth().oauth2(secret).get("/api/v1/admin/me").then().statusCode(200).body("email", equalTo(editor));
        api().auth().oauth2(secret).get("/api/v1/admin/tokens").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].secret", nullValue())
                .body("items[0].lastUsedAt", not(nullValue()));

        // A token cannot issue another token: that takes the password.
        api().auth().oauth2(secret).contentType("application/json").body("{\"name\": \"forever\"}")
                .post("/api/v1/admin/tokens").then().statusCode(403).body("type", equalTo("/problems/forbidden"));

        api().auth().oauth2(secret).delete("/api/v1/admin/tokens/" + id).then().statusCode(204);
        api().auth().oauth2(secret).get("/api/v1/admin/me").then().statusCode(401);
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/tokens").then()
                .body("items[0].revokedAt", not(nullValue()));
        String trail = api().auth().preemptive().basic(admin, PASSWORD).get("/api/v1/admin/audit?actor=" + editor)
                .then().statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("token.revoke", "token.create"))
                .body("items[1].after.name", equalTo("nightly export"))
                .extract().asString();
        assertThat(trail).doesNotContain(secret).doesNotContain(secret.substring(4));
    }

    @Test
    void shouldRefuseAnExpiredToken() {
        String secret = accounts.createToken(accounts.find(idOf(editor)).orElseThrow().id(), "short", 1).secret();
        TestDatabase.execute("UPDATE admin_token SET expires_at = now() - interval '1 minute' "
                + "WHERE token_hash = encode(sha256(convert_to('" + secret + "', 'UTF8')), 'hex')");
        api().auth().oauth2(secret).get("/api/v1/admin/me").then().statusCode(401);
    }

    @Test
    void shouldNotRevokeSomeoneElsesToken() {
        String othersToken = api().auth().preemptive().basic(admin, PASSWORD).contentType("application/json")
                .body("{\"name\": \"mine\"}").post("/api/v1/admin/tokens").path("id");
        api().auth().preemptive().basic(editor, PASSWORD).delete("/api/v1/admin/tokens/" + othersToken).then()
                .statusCode(404);
    }

    @Test
    void shouldListOnlyTheCallersOwnTokens() {
        String othersToken = api().auth().preemptive().basic(admin, PASSWORD).contentType("application/json")
                .body("{\"name\": \"the admin's\"}").post("/api/v1/admin/tokens").path("id");
        String ownToken = api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"name\": \"the editor's\"}").post("/api/v1/admin/tokens").path("id");
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/tokens").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.contains(ownToken))
                .body("items.id", not(org.hamcrest.Matchers.hasItem(othersToken)));
    }

    @Test
    void shouldRefuseTheTokenOfADisabledAccount() {
        String secret = accounts.createToken(accounts.find(idOf(editor)).orElseThrow().id(), "kept", null).secret();
        api().auth().oauth2(secret).get("/api/v1/admin/me").then().statusCode(200);
        TestDatabase.execute("UPDATE admin_account SET disabled_at = now() WHERE email = '" + editor + "'");
        api().auth().oauth2(secret).get("/api/v1/admin/me").then().statusCode(401);
    }

    @Test
    void shouldCheckAnUnknownEmailAgainstAHashAsCostlyAsAnAccounts() {
        String stored = (String) TestDatabase.one("SELECT password_hash FROM admin_account WHERE email = '" + editor
                + "'").get("password_hash");
        // bcrypt's cost is in the hash ("$2a$10$..."): with equal costs, a wrong email and a wrong password take as
        // long to refuse, and timing tells no one which emails have accounts.
        assertThat(passwords.noAccountHash()).matches("\\$2[aby]?\\$\\d\\d\\$.{53}")
                .startsWith(stored.substring(0, 7));
    }

    @Test
    void shouldNeverAnswerWithAPasswordHash() {
        String hash = (String) TestDatabase.one("SELECT password_hash FROM admin_account WHERE email = '" + editor + "'")
                .get("password_hash");
        for (String path : List.of("/api/v1/admin/me", "/api/v1/admin/accounts", "/api/v1/admin/tokens",
                "/api/v1/admin/audit")) {
            String body = api().auth().preemptive().basic(admin, PASSWORD).get(path).then().statusCode(200)
                    .extract().asString();
            assertThat(body).as(path).doesNotContain(hash).doesNotContain(hash.substring(7))
                    .doesNotContainIgnoringCase("password");
        }
    }

    @Test
    void shouldRefuseFieldsATokenRequestDoesNotHave() {
        api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"name\": \"x\", \"secret\": \"cfa_mine\"}").post("/api/v1/admin/tokens").then()
                .statusCode(400)
                .body("type", equalTo("/problems/invalid-body"))
                .body("errors[0].name", equalTo("secret"));
        api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"expiresInDays\": 3}").post("/api/v1/admin/tokens").then().statusCode(400)
                .body("errors[0].name", equalTo("name"));
        api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"name\": \"x\", \"expiresInDays\": 0}").post("/api/v1/admin/tokens").then().statusCode(400);
        api().auth().preemptive().basic(editor, PASSWORD).contentType("application/json")
                .body("{\"name\": ").post("/api/v1/admin/tokens").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-body"));
    }

    @Test
    void shouldSlowThenLockAnAccountAfterRepeatedFailures() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            long started = System.nanoTime();
            api().auth().preemptive().basic(editor, "guess number " + attempt).get("/api/v1/admin/me").then()
                    .statusCode(401);
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            if (attempt > 3) {
                assertThat(tookMillis).as("attempt %d is slowed", attempt).isGreaterThanOrEqualTo(900);
            }
        }
        // Five more wrong passwords, without waiting for their slowed answers, reach the lock.
        TestAccounts.failSignIns(throttle, editor, 5);
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/me").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("/problems/sign-in-locked"));
        // Another account is not affected.
        api().auth().preemptive().basic(admin, PASSWORD).get("/api/v1/admin/me").then().statusCode(200);
    }

    @Test
    void shouldLetNoMoreParallelGuessesThroughThanTheLockAllows() throws InterruptedException {
        List<Integer> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        for (int guess = 0; guess < 30; guess++) {
            int number = guess;
            pool.submit(() -> statuses.add(api().auth().preemptive().basic(editor, "parallel guess " + number)
                    .get("/api/v1/admin/me").statusCode()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(statuses).hasSize(30).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401).count()).as("guesses checked").isEqualTo(10);
        api().auth().preemptive().basic(editor, PASSWORD).get("/api/v1/admin/me").then().statusCode(429);
    }

    private static UUID idOf(String email) {
        return (UUID) TestDatabase.one("SELECT id FROM admin_account WHERE email = '" + email + "'").get("id");
    }
}
