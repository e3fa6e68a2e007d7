package org.clinicfinder.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PartnerAccessTest extends DirectoryTest {

    private static final String PARTNER_SITE = "https://clinics.partner.example";

    @Inject
    PartnerService partners;

    @TestHTTPResource("/")
    URL service;

    private String key;

    private java.util.UUID partnerId;

    @BeforeEach
    void oneProviderAndOnePartner() {
        providers.provider("Harbourside Skin Clinic").insert();
        PartnerService.NewPartner added = partners.add("Partner clinics", List.of(PARTNER_SITE,
                "http://localhost:5173"), RatePolicy.valueOf("100/min"), "test");
        key = added.key();
        partnerId = added.partner().id();
    }

    @Test
    void shouldServeAPartnerOnItsOriginWithCorsForThatOriginOnly() {
        api().header("X-Api-Key", key).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers").then().statusCode(200)
                .header("Access-Control-Allow-Origin", PARTNER_SITE)
                .header("Access-Control-Expose-Headers", containsString("RateLimit"))
                .header("Vary", allOf(containsString("Origin"), containsString("X-Api-Key")))
                .header("RateLimit-Policy", "\"visitor\";q=120;w=60, \"partner\";q=100;w=60")
                .header("RateLimit", allOf(containsString("\"visitor\";r=119;t="), containsString("\"partner\";r=99;t=")))
                .body("items", hasSize(1));
    }

    @Test
    void shouldTakeTheKeyFromTheQuerySoThatBrowsersNeedNoPreflight() {
        api().header("Origin", PARTNER_SITE).get("/api/v1/providers?country=GB&key=" + key).then().statusCode(200)
                .header("Access-Control-Allow-Origin", PARTNER_SITE)
                .header("RateLimit-Policy", containsString("\"partner\";q=100;w=60"))
                .body("items", hasSize(1));
        api().header("Origin", "https://copycat.example").get("/api/v1/providers?key=" + key).then().statusCode(403);
        api().header("Origin", PARTNER_SITE).get("/api/v1/providers?key=" + PartnerKeys.generate()).then()
                .statusCode(401);
    }

    @Test
    void shouldRefuseTwoDifferentKeysInOneRequest() {
        api().header("X-Api-Key", key).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers?key=" + PartnerKeys.generate()).then().statusCode(400)
                .body("errors[0].name", equalTo("key"));
        api().header("X-Api-Key", key).header("Origin", PARTNER_SITE).get("/api/v1/providers?key=" + key).then()
                .statusCode(200);
    }

    @Test
    void shouldRefuseAKeyWhoseRefererIsFromAnotherSite() {
        api().header("X-Api-Key", key).header("Referer", "https://copycat.example/clinics")
                .get("/api/v1/providers").then().statusCode(403)
                .body("detail", containsString("https://copycat.example"));
    }

    @Test
    void shouldTakeTheReferersOriginWhenTheRequestHasNoOrigin() {
        api().header("X-Api-Key", key).header("Referer", PARTNER_SITE + "/find-a-clinic?city=London")
                .get("/api/v1/countries").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .body("items[0].code", equalTo("GB"));
    }

    @Test
    void shouldMatchOriginsInTheFormBrowsersSendThem() {
        api().header("X-Api-Key", key).header("Origin", "http://localhost:5173")
                .get("/api/v1/treatments").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5173");
        api().header("X-Api-Key", key).header("Origin", "http://localhost:5174")
                .get("/api/v1/treatments").then().statusCode(403);
        api().header("X-Api-Key", key).header("Origin", "http://clinics.partner.example")
                .get("/api/v1/treatments").then().statusCode(403);
    }

    @Test
    void shouldRefuseAKeyFromAnotherSiteAndLetTheWidgetReadWhy() {
        api().header("X-Api-Key", key).header("Origin", "https://copycat.example")
                .get("/api/v1/providers").then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", "https://copycat.example")
                .header("Cache-Control", "no-store")
                .body("type", equalTo("/problems/origin-not-allowed"))
                .body("detail", containsString("https://copycat.example"))
                .body("items", nullValue());
    }

    @Test
    void shouldRefuseAKeyFromNowhere() {
        api().header("X-Api-Key", key).get("/api/v1/providers").then().statusCode(403)
                .body("type", equalTo("/problems/origin-not-allowed"))
                .body("detail", containsString("no Origin or Referer"));
    }

    @Test
    void shouldAnswerUnknownMalformedAndRevokedKeysWith401() {
        String unknown = PartnerKeys.generate();
        for (String badKey : List.of(unknown, "pk_short", "sk_" + unknown.substring(3), "")) {
            api().header("X-Api-Key", badKey).header("Origin", PARTNER_SITE)
                    .get("/api/v1/providers").then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"")
                    .header("Access-Control-Allow-Origin", PARTNER_SITE)
                    .body("type", equalTo("/problems/invalid-key"))
                    .body("title", equalTo("The partner key is not valid"));
        }
        partners.revoke(partnerId, "test");
        api().header("X-Api-Key", key).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers").then().statusCode(401)
                .body("type", equalTo("/problems/invalid-key"));
    }

    @Test
    void shouldServeAnonymousCallersWithoutCrossOriginAccess() {
        api().header("Origin", "https://anyone.example").get("/api/v1/providers").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("RateLimit-Policy", containsString("\"anonymous\";q="))
                .header("RateLimit", containsString("\"anonymous\";r="));
    }

    @Test
    void shouldHonourAKeyOnTheServicesOwnPages() {
        String own = service.toString().replaceAll("/$", "");
        api().header("X-Api-Key", key).header("Referer", own + "/embed/v1/frame?key=" + key)
                .get("/api/v1/providers").then().statusCode(200);
    }

    @Test
    void shouldAnswerPreflightsOfTheReadApi() {
        RestAssured.given().header("Origin", PARTNER_SITE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "x-api-key, accept-language")
                .options("/api/v1/providers").then().statusCode(204)
                .header("Access-Control-Allow-Origin", PARTNER_SITE)
                .header("Access-Control-Allow-Methods", "GET, HEAD")
                .header("Access-Control-Allow-Headers", allOf(containsString("X-Api-Key"),
                        containsString("Accept-Language"), containsString("If-None-Match")))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"));
    }

    @Test
    void shouldNotAllowWritesInPreflights() {
        RestAssured.given().header("Origin", PARTNER_SITE)
                .header("Access-Control-Request-Method", "DELETE")
                .options("/api/v1/providers").then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @Test
    void shouldLimitAPartnerToItsRateAndSayWhenToComeBack() {
        // Hourly windows: the requests below all fall into one, whenever the test runs.
        String limited = partners.add("Small partner", List.of(PARTNER_SITE), RatePolicy.valueOf("3/h"), "test").key();
        for (int remaining = 2; remaining >= 0; remaining--) {
            api().header("X-Api-Key", limited).header("Origin", PARTNER_SITE)
                    .get("/api/v1/treatments").then().statusCode(200)
                    .header("RateLimit-Policy", containsString("\"partner\";q=3;w=3600"))
                    .header("RateLimit", containsString("\"partner\";r=" + remaining + ";"));
        }
        Response refused = api().header("X-Api-Key", limited).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", PARTNER_SITE)
                .header("Access-Control-Expose-Headers", containsString("Retry-After"))
                .header("Cache-Control", "no-store")
                .body("type", equalTo("/problems/rate-limited"))
                .body("detail", containsString("This key may make 3 requests per 3600 seconds"));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 3600);
        assertThat(refused.header("RateLimit")).contains("\"partner\";r=0;t=" + retryAfter);
        // Another partner's quota is its own.
        api().header("X-Api-Key", key).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers").then().statusCode(200);
    }

    @Test
    void shouldNotSpendThePartnersQuotaOnRequestsFromOtherSites() {
        String limited = partners.add("Tiny partner", List.of(PARTNER_SITE), RatePolicy.valueOf("1/h"), "test").key();
        for (int i = 0; i < 3; i++) {
            api().header("X-Api-Key", limited).header("Origin", "https://copycat.example")
                    .get("/api/v1/providers").then().statusCode(403);
        }
        api().header("X-Api-Key", limited).header("Origin", PARTNER_SITE)
                .get("/api/v1/providers").then().statusCode(200);
    }

    @Test
    void shouldLeaveOperationalEndpointsOutOfPartnerAccess() {
        RestAssured.given().header("X-Api-Key", "pk_short").get("/q/health/ready").then().statusCode(200)
                .header("RateLimit", nullValue());
        RestAssured.given().get("/embed/v1/clinic-finder.js").then().statusCode(200)
                .header("RateLimit", nullValue());
    }
}
