package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin page's session over HTTP: the cookie, redirects of the pages, and refusals of forged changes. */
@QuarkusTest
class AdminSessionTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @TestHTTPResource("/")
    URL service;

    private String admin;
    /** A partner to create, named for this test alone. */
    private String partnerName;
    private String partner;

    @BeforeEach
    void account() {
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
        partnerName = "Skin journal " + UUID.randomUUID();
        partner = "{\"name\": \"" + partnerName + "\", \"origins\": [\"https://skin-journal.example\"]}";
    }

    /** The service's own origin, as a browser on the page sends it. */
    private String ownOrigin() {
        return service.toString().replaceAll("/$", "");
    }

    private Response signIn(String email, String password) {
        return RestAssured.given().redirects().follow(false)
                .header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email).formParam("password", password)
                .post("/admin/j_security_check");
    }

    /** A signed-in page: its session cookie and the CSRF token its first read is given. */
    private record Session(String cookie, String token) {
        RequestSpecification request() {
            return RestAssured.given().redirects().follow(false).cookie("cf_admin", cookie);
        }

        RequestSpecification change() {
            return request().cookie(CsrfTokens.COOKIE, token).header(CsrfTokens.HEADER, token);
        }
    }

    private Session session(String email) {
        Response signedIn = signIn(email, PASSWORD);
        signedIn.then().statusCode(302);
        String cookie = signedIn.getCookie("cf_admin");
        assertThat(cookie).as("session cookie").isNotBlank();
        Response me = RestAssured.given().cookie("cf_admin", cookie).get("/api/v1/admin/me");
        me.then().statusCode(200).body("email", equalTo(email));
        return new Session(cookie, me.getCookie(CsrfTokens.COOKIE));
    }

    private long partners() {
        return TestDatabase.count("SELECT count(*) FROM partner WHERE name = '" + partnerName + "'");
    }

    private static List<String> setCookies(Response response, String name) {
        return response.headers().getValues("Set-Cookie").stream().filter(line -> line.startsWith(name + "=")).toList();
    }

    @Test
    void shouldSetASecureHttpOnlyStrictSessionCookieAndLandOnTheAdminPage() {
        Response signedIn = signIn(admin, PASSWORD);
        signedIn.then().statusCode(302).header("Location", endsWith("/admin/"));
        List<String> session = setCookies(signedIn, "cf_admin");
        assertThat(session).hasSize(1);
        assertThat(session.get(0)).containsIgnoringCase("; Path=/").containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Strict").doesNotContain("Max-Age");

        Response me = RestAssured.given().cookie("cf_admin", signedIn.getCookie("cf_admin")).get("/api/v1/admin/me");
        me.then().statusCode(200).body("email", equalTo(admin)).body("role", equalTo("admin"));
        List<String> token = setCookies(me, CsrfTokens.COOKIE);
        assertThat(token).hasSize(1);
        // The page's scripts read this one; it is as Secure and Strict as the session's.
        assertThat(token.get(0)).containsIgnoringCase("; Secure").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("HttpOnly");

        RestAssured.given().cookie("cf_admin", signedIn.getCookie("cf_admin")).redirects().follow(false)
                .get("/admin/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Cache-Control", "no-store");
    }

    @Test
    void shouldRedirectPagesButNotTheApiToTheSignInPage() {
        for (String page : List.of("/admin", "/admin/", "/admin/providers.html", "/admin/partners.html",
                "/admin/imports.js")) {
            RestAssured.given().redirects().follow(false).get(page).then().statusCode(302)
                    .header("Location", endsWith("/admin/login"));
        }
        RestAssured.given().get("/admin/login").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<label for=\"email\">Email</label>"))
                .body(containsString("action=\"/admin/j_security_check\""));

        api().redirects().follow(false).get("/api/v1/admin/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Basic"))
                .body("type", equalTo("/problems/unauthenticated"));
        // Nor a session cookie that is not one.
        api().redirects().follow(false).cookie("cf_admin", "not-a-session").get("/api/v1/admin/me").then()
                .statusCode(401).body("type", equalTo("/problems/unauthenticated"));
    }

    @Test
    void shouldSendAWrongPasswordBackToTheSignInPageWithoutASession() {
        Response refused = signIn(admin, "not the password");
        refused.then().statusCode(303).header("Location", "/admin/login?failed");
        assertThat(setCookies(refused, "cf_admin")).isEmpty();
    }

    @Test
    void shouldSayWhenSignInIsLocked() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            signIn(admin, "guess number " + attempt).then().statusCode(303)
                    .header("Location", "/admin/login?failed");
        }
        TestAccounts.failSignIns(throttle, admin, 8);
        Response locked = signIn(admin, PASSWORD);
        locked.then().statusCode(303).header("Location", matchesPattern("/admin/login\\?locked=[1-9][0-9]*"));
        assertThat(setCookies(locked, "cf_admin")).isEmpty();
    }

    @Test
    void shouldRefuseASignInPostedFromAnotherSite() {
        Response refused = RestAssured.given().redirects().follow(false)
                .header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                .formParam("email", admin).formParam("password", PASSWORD)
                .post("/admin/j_security_check");
        refused.then().statusCode(303).header("Location", "/admin/login?refused");
        assertThat(setCookies(refused, "cf_admin")).isEmpty();

        RestAssured.given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site")
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", admin).formParam("password", PASSWORD)
                .post("/admin/j_security_check").then().statusCode(303).header("Location", "/admin/login?refused");
    }

    @Test
    void shouldRefuseAChangeWithoutTheSessionsCsrfToken() {
        Session session = session(admin);

        session.request().contentType("application/json").body(partner).post("/api/v1/admin/partners").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("/problems/csrf-refused"))
                .body("detail", containsString("security token"));
        session.request().cookie(CsrfTokens.COOKIE, session.token()).header(CsrfTokens.HEADER, "forged.token")
                .contentType("application/json").body(partner).post("/api/v1/admin/partners").then()
                .statusCode(403).body("type", equalTo("/problems/csrf-refused"));
        // Another account's token, even sent as a matching cookie, is no good for this session.
        String othersToken = session(TestAccounts.create(accounts, AdminRole.ADMIN)).token();
        session.request().cookie(CsrfTokens.COOKIE, othersToken).header(CsrfTokens.HEADER, othersToken)
                .contentType("application/json").body(partner).post("/api/v1/admin/partners").then()
                .statusCode(403).body("type", equalTo("/problems/csrf-refused"));
        assertThat(partners()).isZero();

        session.change().header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin")
                .contentType("application/json").body(partner).post("/api/v1/admin/partners").then()
                .statusCode(201);
        assertThat(partners()).isOne();
    }

    @Test
    void shouldRefuseAChangeFromAnotherSiteEvenWithTheToken() {
        Session session = session(admin);
        session.change().header("Origin", "https://evil.example").contentType("application/json").body(partner)
                .post("/api/v1/admin/partners").then().statusCode(403)
                .body("type", equalTo("/problems/csrf-refused"))
                .body("detail", containsString("https://evil.example"));
        session.change().header("Sec-Fetch-Site", "same-site").contentType("application/json").body(partner)
                .post("/api/v1/admin/partners").then().statusCode(403)
                .body("type", equalTo("/problems/csrf-refused"));
        session.change().header("Origin", "null").contentType("application/json").body(partner)
                .post("/api/v1/admin/partners").then().statusCode(403);
        assertThat(partners()).isZero();
    }

    @Test
    void shouldNotAskBasicOrBearerClientsForAToken() {
        api().auth().preemptive().basic(admin, PASSWORD).contentType("application/json").body(partner)
                .post("/api/v1/admin/partners").then().statusCode(201);
        String token = api().auth().preemptive().basic(admin, PASSWORD).contentType("application/json")
                .body("{\"name\": \"script\"}").post("/api/v1/admin/tokens").then().statusCode(201)
                .extract().path("secret");
        String id = api().auth().oauth2(token).get("/api/v1/admin/partners").then().statusCode(200)
                .extract().path("items.find { it.name == '" + partnerName + "' }.id");
        api().auth().oauth2(token).contentType("application/json").body("{\"rate\": \"100/min\"}")
                .patch("/api/v1/admin/partners/" + id).then().statusCode(200).body("rate", equalTo("100/min"));
        // A browser that says the change comes from another site is refused whatever it signed in with.
        api().auth().preemptive().basic(admin, PASSWORD).header("Sec-Fetch-Site", "cross-site")
                .post("/api/v1/admin/partners/" + id + "/revoke").then().statusCode(403)
                .body("type", equalTo("/problems/csrf-refused"));
        assertThat(partners()).isOne();
    }

    @Test
    void shouldSignOutByClearingTheCookies() {
        Session session = session(admin);
        Response signedOut = session.request().header("Origin", ownOrigin()).post("/admin/sign-out");
        signedOut.then().statusCode(303).header("Location", "/admin/login?signed-out");
        assertThat(setCookies(signedOut, "cf_admin")).singleElement().asString()
                .contains("Max-Age=0").contains("; Path=/").contains("; Secure");
        assertThat(setCookies(signedOut, CsrfTokens.COOKIE)).singleElement().asString().contains("Max-Age=0");
    }

    @Test
    void shouldEndTheSessionOfADisabledAccountAtOnce() {
        Session session = session(admin);
        TestDatabase.execute("UPDATE admin_account SET disabled_at = now() WHERE email = '" + admin + "'");
        session.request().get("/api/v1/admin/me").then().statusCode(401);
        session.request().get("/admin/").then().statusCode(302).header("Location", endsWith("/admin/login"));
    }
}
