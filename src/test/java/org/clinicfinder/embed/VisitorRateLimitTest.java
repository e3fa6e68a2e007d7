package org.clinicfinder.embed;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Limits per visitor: a partner's key is public, so one address may spend only its share of the partner's quota;
 * and behind a proxy the settings name as trusted, limits apply to the visitor's address that the proxy forwards,
 * not to the proxy's own (docs/embedding.md). The tests' requests come from loopback, which plays the proxy.
 */
@QuarkusTest
@TestProfile(VisitorRateLimitTest.SmallQuotasBehindAProxy.class)
class VisitorRateLimitTest {

    public static class SmallQuotasBehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic-finder.partners.visitor-rate", "3/h",
                    "clinic-finder.partners.anonymous-rate", "2/h",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Inject
    PartnerService partners;

    @Test
    void shouldKeepOneAddressFromSpendingAPartnersWholeQuota() {
        String key = partners.add("Popular site", List.of("https://popular.example"), RatePolicy.valueOf("100/h"), "test")
                .key();
        for (int remaining = 2; remaining >= 0; remaining--) {
            api().header("X-Api-Key", key).header("Origin", "https://popular.example")
                    .get("/api/v1/treatments").then().statusCode(200)
                    .header("RateLimit", containsString("\"visitor\";r=" + remaining + ";"))
                    .header("RateLimit", containsString("\"partner\";r=" + (97 + remaining) + ";"));
        }
        api().header("X-Api-Key", key).header("Origin", "https://popular.example")
                .get("/api/v1/treatments").then().statusCode(429)
                .header("RateLimit", containsString("\"visitor\";r=0;"))
                .body("detail", containsString("With this key, each address may make 3 requests per 3600 seconds"));
    }

    @Test
    void shouldCountEachForwardedVisitorOnItsOwn() {
        for (int i = 0; i < 2; i++) {
            api().header("X-Forwarded-For", "203.0.113.7").get("/api/v1/treatments").then().statusCode(200);
        }
        api().header("X-Forwarded-For", "203.0.113.7").get("/api/v1/treatments").then().statusCode(429)
                .body("detail", containsString("Without a partner key, each address may make 2 requests"));

        // Another visitor through the same proxy has a quota of its own, and so has the proxy itself.
        api().header("X-Forwarded-For", "198.51.100.9").get("/api/v1/treatments").then().statusCode(200);
        api().get("/api/v1/treatments").then().statusCode(200);
        // IPv6 visitors are counted per /64: another address in the same block shares the quota.
        for (int i = 0; i < 2; i++) {
            api().header("X-Forwarded-For", "2001:db8:1:2::" + (i + 1)).get("/api/v1/treatments").then()
                    .statusCode(200);
        }
        api().header("X-Forwarded-For", "2001:db8:1:2::99").get("/api/v1/treatments").then().statusCode(429);
        api().header("X-Forwarded-For", "2001:db8:1:3::1").get("/api/v1/treatments").then().statusCode(200);
    }
}
