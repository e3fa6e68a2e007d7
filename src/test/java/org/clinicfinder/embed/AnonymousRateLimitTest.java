package org.clinicfinder.embed;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.admin.AccountService;
import org.clinicfinder.admin.AdminRole;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** The limits of callers without a (valid) key, with quotas small enough to reach; hourly windows, so that no
 * window starts over during the test. */
@QuarkusTest
@TestProfile(AnonymousRateLimitTest.SmallQuotas.class)
class AnonymousRateLimitTest {

    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic-finder.partners.anonymous-rate", "4/h",
                    "clinic-finder.partners.key-lookup-rate", "3/h");
        }
    }

    private static final String PASSWORD = "a long and secret passphrase";

    @Inject
    PartnerService partners;

    @Inject
    AccountService accounts;

    @Test
    void shouldLeaveTheAdminApiOutOfThePublicLimits() {
        String email = "limits-" + java.util.UUID.randomUUID() + "@clinic-finder.example";
        accounts.create(email, AdminRole.EDITOR, PASSWORD, "test");
        // More admin calls than the anonymous quota allows: the admin API is not the public API.
        for (int call = 0; call < 6; call++) {
            api().auth().preemptive().basic(email, PASSWORD).get("/api/v1/admin/me").then().statusCode(200)
                    .header("RateLimit", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void shouldLimitAnonymousCallersAndKeyGuessersPerAddress() {
        String key = partners.add("Site", List.of("https://site.example"), RatePolicy.valueOf("10/h"), "test").key();
        // The partner's key is looked up once, then served from the cache.
        for (int i = 0; i < 3; i++) {
            api().header("X-Api-Key", key).header("Origin", "https://site.example")
                    .get("/api/v1/providers").then().statusCode(200)
                    .header("RateLimit-Policy", "\"visitor\";q=120;w=60, \"partner\";q=10;w=3600");
        }

        for (int remaining = 3; remaining >= 0; remaining--) {
            api().get("/api/v1/treatments").then().statusCode(200)
                    .header("RateLimit-Policy", "\"anonymous\";q=4;w=3600")
                    .header("RateLimit", containsString("\"anonymous\";r=" + remaining + ";t="));
        }
        api().get("/api/v1/providers").then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit", containsString("\"anonymous\";r=0;"))
                .body("type", equalTo("/problems/rate-limited"))
                .body("detail", containsString("Without a partner key, each address may make 4 requests per 3600 seconds"));
        // Without proxy settings, forwarding headers are the caller's own say: they make it no other address.
        api().header("X-Forwarded-For", "203.0.113.7").get("/api/v1/providers").then().statusCode(429);
        api().header("Forwarded", "for=198.51.100.9").get("/api/v1/providers").then().statusCode(429);
        api().header("X-Real-IP", "192.0.2.44").get("/api/v1/providers").then().statusCode(429);

        // Keys not seen lately are looked up at the key-lookup rate: two more guesses, then no more.
        for (int i = 0; i < 2; i++) {
            api().header("X-Api-Key", PartnerKeys.generate()).header("Origin", "https://site.example")
                    .get("/api/v1/providers").then().statusCode(401);
        }
        api().header("X-Api-Key", PartnerKeys.generate()).header("Origin", "https://site.example")
                .get("/api/v1/providers").then().statusCode(429)
                .header("RateLimit", containsString("\"key-lookup\";r=0;"));
        // The partner's own key still works: it is cached.
        api().header("X-Api-Key", key).header("Origin", "https://site.example")
                .get("/api/v1/providers").then().statusCode(200);
    }
}
