package org.clinicfinder.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ConditionalRequestTest extends DirectoryTest {

    private UUID providerId;

    @jakarta.inject.Inject
    PartnerService partners;

    @BeforeEach
    void oneProvider() {
        providerId = providers.provider("Harbourside Skin Clinic").insert();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/v1/providers?country=GB | public, max-age=60",
            "/api/v1/countries            | public, max-age=300",
            "/api/v1/treatments           | public, max-age=300"})
    void shouldAnswer304WhileTheAnswerIsUnchanged(String path, String cacheControl) {
        String etag = api().get(path).then().statusCode(200)
                .header("ETag", matchesPattern("W/\"[A-Za-z0-9_-]{16}\""))
                .header("Cache-Control", cacheControl)
                .extract().header("ETag");
        api().header("If-None-Match", etag).get(path).then().statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", cacheControl)
                .body(emptyString());
        api().header("If-None-Match", "\"something-else\", " + etag.substring(2)).get(path).then().statusCode(304);
        api().header("If-None-Match", "*").get(path).then().statusCode(304);
        api().header("If-None-Match", "\"something-else\"").get(path).then().statusCode(200)
                .header("ETag", etag);
    }

    @Test
    void shouldChangeTheETagWhenTheDirectoryChanges() {
        String before = api().get("/api/v1/providers/" + providerId).then().statusCode(200)
                .header("Cache-Control", "public, max-age=60").extract().header("ETag");
        providers.execute("UPDATE provider SET phone = '+442079460001', updated_at = now() WHERE id = '" + providerId + "'");
        api().header("If-None-Match", before).get("/api/v1/providers/" + providerId).then().statusCode(200)
                .header("ETag", matchesPattern("W/\"[A-Za-z0-9_-]{16}\""))
                .body("phone", equalTo("+442079460001"));
        String after = api().get("/api/v1/providers/" + providerId).then().extract().header("ETag");
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void shouldTagEachLanguageOfTheSameResourceApart() {
        String english = api().header("Accept-Language", "en").get("/api/v1/treatments").then().statusCode(200)
                .header("Vary", containsString("Accept-Language")).extract().header("ETag");
        String german = api().header("Accept-Language", "de").get("/api/v1/treatments").then().statusCode(200)
                .extract().header("ETag");
        assertThat(german).isNotEqualTo(english);
        api().header("Accept-Language", "de").header("If-None-Match", english).get("/api/v1/treatments")
                .then().statusCode(200).header("Content-Language", "de");
    }

    @Test
    void shouldNeverCacheRefusals() {
        api().get("/api/v1/providers?limit=0").then().statusCode(400)
                .header("ETag", nullValue())
                .header("Cache-Control", "no-store");
        api().get("/api/v1/providers/" + UUID.randomUUID()).then().statusCode(404)
                .header("ETag", nullValue())
                .header("Cache-Control", "no-store");
    }

    @Test
    void shouldAnswerAPartnersRevalidationWithCorsAndVary() {
        String key = partners.add("Revalidating partner", java.util.List.of("https://partner.example"),
                RatePolicy.valueOf("100/h"), "test").key();
        String etag = api().header("Origin", "https://partner.example").get("/api/v1/countries?key=" + key)
                .then().statusCode(200).extract().header("ETag");
        api().header("Origin", "https://partner.example").header("If-None-Match", etag)
                .get("/api/v1/countries?key=" + key).then().statusCode(304)
                .header("Access-Control-Allow-Origin", "https://partner.example")
                .header("Vary", "Origin, X-Api-Key, Accept-Language")
                .header("RateLimit", containsString("\"partner\";r=98;"));
    }

    @Test
    void shouldServeTheWidgetScriptWithLongLivedCachingToAnyPage() {
        String etag = api().get("/embed/v1/clinic-finder.js").then().statusCode(200)
                .contentType(containsString("application/javascript"))
                .header("Cache-Control", "public, max-age=604800")
                .header("Access-Control-Allow-Origin", "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin")
                .body(containsString("customElements"))
                .extract().header("ETag");
        RestAssured.given().header("Accept-Encoding", "gzip").get("/embed/v1/clinic-finder.js").then()
                .statusCode(200).header("Content-Encoding", "gzip");
        RestAssured.given().header("If-None-Match", etag).get("/embed/v1/clinic-finder.js").then().statusCode(304)
                .header("ETag", etag);
    }
}
