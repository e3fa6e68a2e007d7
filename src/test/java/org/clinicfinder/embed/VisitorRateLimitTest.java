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

/** A partner's key is public: one address may spend only its share of the partner's quota. */
@QuarkusTest
@TestProfile(VisitorRateLimitTest.SmallVisitorShare.class)
class VisitorRateLimitTest {

    public static class SmallVisitorShare implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic-finder.partners.visitor-rate", "3/h");
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
}
