package org.clinicfinder.search;

import static io.restassured.RestAssured.given;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.stream.Stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad input gets a 400 problem naming the parameter, with a message a person can act on. */
@QuarkusTest
class ProviderSearchValidationTest extends DirectoryTest {

    static final String PATH = "/api/v1/providers";

    @BeforeEach
    void directoryWithTwoPages() {
        providers.provider("First Clinic").insert();
        providers.provider("Second Clinic").insert();
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("country=XX", "country", "not an ISO 3166-1 alpha-2 country code"),
                Arguments.of("country=UK", "country", "use GB"),
                Arguments.of("country=GBR", "country", "two-letter ISO 3166-1 country code"),
                Arguments.of("country=G1", "country", "two-letter ISO 3166-1 country code"),
                Arguments.of("treatment=botox", "treatment",
                        "allowed: acne-scars, wrinkles, stretch-marks, surgical-scars, pigmentation, hair-loss, "
                                + "skin-rejuvenation"),
                Arguments.of("lat=91&lon=0", "lat", "at least -90 and at most 90"),
                Arguments.of("lat=0&lon=-180.5", "lon", "at least -180 and at most 180"),
                Arguments.of("lat=51.5", "lon", "give both or neither"),
                Arguments.of("lon=-0.12", "lat", "give both or neither"),
                Arguments.of("lat=NaN&lon=0", "lat", "must be a number"),
                Arguments.of("lat=Infinity&lon=0", "lat", "must be a number"),
                Arguments.of("lat=0x1p3&lon=0", "lat", "must be a number"),
                Arguments.of("lat=1e400&lon=0", "lat", "at most 90"),
                Arguments.of("lat=51.5&lon=-0.12&radiusKm=0", "radiusKm", "greater than 0"),
                Arguments.of("lat=51.5&lon=-0.12&radiusKm=-5", "radiusKm", "greater than 0"),
                Arguments.of("lat=51.5&lon=-0.12&radiusKm=501", "radiusKm", "at most 500"),
                Arguments.of("radiusKm=10", "radiusKm", "needs lat and lon"),
                Arguments.of("limit=0", "limit", "at least 1 and at most 100"),
                Arguments.of("limit=101", "limit", "at least 1 and at most 100"),
                Arguments.of("limit=ten", "limit", "must be a whole number"),
                Arguments.of("limit=2.5", "limit", "must be a whole number"),
                Arguments.of("limit=99999999999999999999", "limit", "must be a whole number"),
                Arguments.of("q=" + "a".repeat(201), "q", "at most 200 characters"),
                Arguments.of("q=a", "q", "at least 2 characters"),
                Arguments.of("q=%25%25%25", "q", "at least 2 letters or digits"),
                Arguments.of("q=", "q", "must not be empty"),
                Arguments.of("limit=5&limit=6", "limit", "given 2 times; it takes one value"),
                Arguments.of("q=ab&q=cd", "q", "given 2 times"),
                Arguments.of("sort=relevance", "sort", "relevance needs q"),
                Arguments.of("sort=distance", "sort", "distance needs lat and lon"),
                Arguments.of("sort=price", "sort", "allowed: relevance, distance, name"),
                Arguments.of("verified=yes", "verified", "must be true or false"),
                Arguments.of("kind=hospital", "kind", "allowed: clinic, practitioner"),
                Arguments.of("language=xx", "language", "not an ISO 639-1 language code"),
                Arguments.of("language=english", "language", "two-letter ISO 639-1 language code"),
                Arguments.of("facets=price", "facets", "allowed: country, treatment, language, kind"),
                Arguments.of("facets=country,country,country,country,country", "facets", "at most 4 values"),
                Arguments.of("city=" + "x".repeat(101), "city", "at most 100 characters"),
                Arguments.of("region=%20%20", "region", "must not be blank"),
                Arguments.of("cursor=not-a-cursor", "cursor", "not a cursor this service issued"),
                Arguments.of("cursor=" + "A".repeat(1025), "cursor", "at most 1024 characters"),
                Arguments.of("contry=GB", "contry", "unknown parameter; this operation takes country, region"),
                Arguments.of("q=ab%00cd", "q", "must not contain control characters"),
                Arguments.of("city=Dub%00lin", "city", "must not contain control characters"),
                Arguments.of("country=gb%0A", "country", "must not contain control characters"),
                Arguments.of("q=ab" + "%F0%9F%98%80".repeat(199), "q", "at most 200 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void shouldRefuseBadInputNamingTheParameter(String query, String parameter, String message) {
        api().urlEncodingEnabled(false).get(PATH + "?" + query).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/invalid-parameters"))
                .body("status", equalTo(400))
                .body("title", equalTo("Some request parameters are not valid"))
                .body("instance", equalTo(PATH))
                .body("errors.name", hasItem(parameter))
                .body("errors.find { it.name == '" + parameter + "' }.message", containsString(message))
                .body("detail", containsString(parameter + ": "))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"skin & clinic", "o'brien:*", "(derma | pen)", "!london", "a\\b <-> c"})
    void shouldTakeSearchOperatorsInTextForPlainCharacters(String text) {
        providers.provider("O'Brien Derma Pen").insert();
        api().queryParam("q", text).get(PATH).then().statusCode(200).body("items", notNullValue());
        api().queryParam("q", text).queryParam("sort", "name").get(PATH).then().statusCode(200);
        api().queryParam("q", text).queryParam("facets", "country").get(PATH).then().statusCode(200);
    }

    @Test
    void shouldCountCharactersNotCodeUnits() {
        // 2 letters and 198 emoji: 200 characters, 398 UTF-16 code units.
        api().urlEncodingEnabled(false).get(PATH + "?q=ab" + "%F0%9F%98%80".repeat(198)).then().statusCode(200);
    }

    @Test
    void shouldReportEveryBadParameterAtOnce() {
        api().urlEncodingEnabled(false).get(PATH + "?limit=0&kind=shop&verified=maybe").then()
                .statusCode(400)
                .body("errors.name", org.hamcrest.Matchers.containsInAnyOrder("limit", "kind", "verified"));
    }

    @Test
    void shouldRefuseACursorThatWasTamperedWith() {
        String cursor = api().queryParam("limit", 1).get(PATH).then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        char last = cursor.charAt(cursor.length() - 1);
        String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        int dot = cursor.indexOf('.');
        String payloadEdited = (cursor.charAt(0) == 'W' ? 'X' : 'W') + cursor.substring(1);

        for (String bad : new String[] {tampered, payloadEdited, cursor.substring(0, dot), cursor + "x"}) {
            api().queryParam("limit", 1).queryParam("cursor", bad).get(PATH).then()
                    .statusCode(400)
                    .body("errors[0].name", equalTo("cursor"));
        }
        api().queryParam("limit", 1).queryParam("cursor", cursor).get(PATH).then().statusCode(200)
                .body("items[0].name", equalTo("Second Clinic"));
    }

    @Test
    void shouldRefuseACursorFromAnotherSearch() {
        String cursor = api().queryParam("limit", 1).get(PATH).then().statusCode(200)
                .extract().jsonPath().getString("nextCursor");
        api().queryParam("limit", 1).queryParam("country", "IE").queryParam("cursor", cursor).get(PATH).then()
                .statusCode(400)
                .body("errors[0].name", equalTo("cursor"))
                .body("errors[0].message", containsString("another sort"));
    }

    @Test
    void shouldRefuseAMalformedProviderId() {
        api().get(PATH + "/not-a-uuid").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].name", equalTo("id"))
                .body("errors[0].message", containsString("must be an id such as"));
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithProblems() {
        RequestSpecification plain = given();
        plain.get("/api/v1/clinics").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"));
        given().post(PATH).then().statusCode(405).contentType("application/problem+json")
                .header("Allow", containsString("GET"))
                .body("type", equalTo("/problems/method-not-allowed"));
        given().accept("application/xml").get(PATH).then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseARequestLineLongerThanEveryParameterAtItsLimit() {
        // Every parameter at its contract maximum fits in 16 KB; more is refused before anything reads it.
        given().get(PATH + "?country=GB&city=" + "a".repeat(17_000)).then().statusCode(414);
        given().get(PATH + "?country=GB&city=" + "a".repeat(100)).then().statusCode(200);
    }
}
