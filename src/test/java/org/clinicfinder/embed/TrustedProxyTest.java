package org.clinicfinder.embed;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * Behind a proxy the settings name as trusted, limits apply to the visitor's address that the proxy forwards,
 * not to the proxy's own (docs/embedding.md). The tests' requests come from loopback, which plays the proxy.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAProxy.class)
class TrustedProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1",
                    "clinic-finder.partners.anonymous-rate", "2/h");
        }
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
