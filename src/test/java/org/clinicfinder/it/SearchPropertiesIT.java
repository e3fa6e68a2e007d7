package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.clinicfinder.testing.HostileText;
import org.clinicfinder.testing.TestDatabase;

/**
 * Random and hostile search parameters against the packaged service: every answer is a page that matches
 * openapi.yaml or a 4xx problem+json document, never a 5xx; SQL in free text and city finds no more than the same
 * words would and changes nothing.
 */
class SearchPropertiesIT {

    /** quarkus.http.limits.max-initial-line-length. */
    private static final int REQUEST_LINE_LIMIT = 16384;
    private static final String SOURCE = "search-properties-it";
    private static final List<String> PARAMETERS = List.of("country", "region", "city", "treatment", "q", "lat", "lon",
            "radiusKm", "verified", "language", "kind", "sort", "cursor", "limit", "facets");

    private static Path dir;
    private static Process service;
    private static int port;

    @BeforeContainer
    static void serviceWithADirectory() throws Exception {
        dir = Files.createTempDirectory("search-properties");
        port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("CLINIC_FINDER_PARTNERS_ANONYMOUS_RATE", "100000000/min");
        TestDatabase.configure(builder);
        service = builder.start();
        ServiceProcess.awaitReady(service, port, SearchPropertiesIT::log);
        TestDatabase.execute("DELETE FROM provider WHERE source = '" + SOURCE + "'");
        TestDatabase.execute("""
                INSERT INTO provider (name, kind, city, region, country, latitude, longitude, treatments, languages,
                    credentials, source, source_key, published)
                SELECT (ARRAY['Harbour Skin Clinic', 'Zürich Dermatology', 'Drop Table Beauty', 'Union Select Spa',
                        'O''Brien Aesthetics', 'Select Skin'])[1 + mod(n, 6)] || ' ' || n,
                    (ARRAY['clinic', 'practitioner'])[1 + mod(n, 2)], (ARRAY['London', 'Zürich', 'Dublin'])[1 + mod(n, 3)],
                    'Region ' || mod(n, 4), (ARRAY['GB', 'CH', 'IE'])[1 + mod(n, 3)], 51 + n / 100.0, -0.1 + n / 100.0,
                    '{acne-scars,wrinkles}', '{en,de}', '[{"title": "Diploma", "issuer": "Academy", "year": 2021,
                    "status": "unverified"}]', '%s', 'it:' || n, true
                FROM generate_series(1, 60) n""".formatted(SOURCE));
    }

    @AfterContainer
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        TestDatabase.execute("DELETE FROM provider WHERE source = '" + SOURCE + "'");
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Property(tries = 60)
    void shouldAnswerEverySearchWithAPageOrAProblem(@ForAll("searches") Map<String, List<String>> parameters) {
        int length = requestLineLength(parameters);
        if (length > REQUEST_LINE_LIMIT + 1024) {
            // Beyond the documented limit of the request line (docs/security.md) the HTTP layer answers 414.
            Response response = RestAssured.given().baseUri("http://127.0.0.1").port(port)
                    .queryParams(flatten(parameters)).get("/api/v1/providers");
            assertThat(response.statusCode()).as("%s characters", length).isEqualTo(414);
            return;
        }
        Response response = (length < REQUEST_LINE_LIMIT - 1024 ? api(port) : RestAssured.given().baseUri(
                "http://127.0.0.1").port(port)).queryParams(flatten(parameters)).get("/api/v1/providers");

        if (response.statusCode() != 414) {
            assertPageOrProblem(response, parameters);
        }
    }

    /** About how long the request line is, percent-encoded. */
    private static int requestLineLength(Map<String, List<String>> parameters) {
        int length = "GET /api/v1/providers? HTTP/1.1".length();
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                length += URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8).length()
                        + URLEncoder.encode(value, StandardCharsets.UTF_8).length() + 2;
            }
        }
        return length;
    }

    @Property(tries = 15)
    void shouldTreatSqlInFreeTextAndCityAsPlainText(@ForAll("injections") String injection) {
        String before = TestDatabase.directoryDigest();
        String words = injection.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();

        Response asText = api(port).queryParam("q", injection).queryParam("limit", 100).get("/api/v1/providers");
        Response asCity = api(port).queryParam("city", injection).queryParam("limit", 100).get("/api/v1/providers");

        assertPageOrProblem(asText, Map.of("q", List.of(injection)));
        assertPageOrProblem(asCity, Map.of("city", List.of(injection)));
        if (asText.statusCode() == 200 && words.codePointCount(0, words.length()) >= 2) {
            Response literal = api(port).queryParam("q", words).queryParam("limit", 100).get("/api/v1/providers");
            assertThat(ids(asText)).as("%s finds no more than %s", injection, words).isSubsetOf(ids(literal));
        }
        if (asCity.statusCode() == 200) {
            assertThat(ids(asCity)).as("no provider is in the city %s", injection).isEmpty();
        }
        assertThat(TestDatabase.directoryDigest()).as("the directory after %s", injection).isEqualTo(before);
    }

    private static void assertPageOrProblem(Response response, Map<String, List<String>> parameters) {
        int status = response.statusCode();
        assertThat(status).as("%s answered %s: %s", parameters, status, response.asString()).isIn(200, 400);
        if (status == 400) {
            assertThat(response.contentType()).as("%s", parameters).startsWith("application/problem+json");
            assertThat(response.jsonPath().getString("type")).as("%s", parameters).isNotBlank();
        } else {
            assertThat(response.jsonPath().getList("items")).as("%s", parameters).isNotNull();
        }
    }

    private static Map<String, Object> flatten(Map<String, List<String>> parameters) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        parameters.forEach((name, values) -> flat.put(name, values.size() == 1 ? values.get(0) : values));
        return flat;
    }

    private static Set<String> ids(Response response) {
        return new HashSet<>(response.jsonPath().getList("items.id", String.class));
    }


    @Provide
    Arbitrary<Map<String, List<String>>> searches() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(PARAMETERS)),
                Tuple.of(1, HostileText.encodable().filter(text -> !text.isEmpty())));
        Arbitrary<List<String>> values = Arbitraries.frequencyOf(
                Tuple.of(3, goodValue().list().ofMinSize(1).ofMaxSize(1)),
                Tuple.of(3, HostileText.encodable().list().ofMinSize(1).ofMaxSize(1)),
                Tuple.of(2, number().list().ofMinSize(1).ofMaxSize(1)),
                Tuple.of(1, Arbitraries.oneOf(goodValue(), HostileText.encodable(), number()).list().ofMinSize(2)
                        .ofMaxSize(25)));
        return Arbitraries.maps(name, values).ofMaxSize(6);
    }

    private static Arbitrary<String> goodValue() {
        return Arbitraries.of("GB", "ch", "London", "Zürich", "zurich", "acne-scars", "wrinkles", "skin cli", "brigton",
                "51.5", "-0.12", "10", "true", "false", "de", "clinic", "practitioner", "relevance", "distance", "name",
                "20", "100", "country,treatment", "language,kind", "Region 1");
    }

    private static Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.of("NaN", "-NaN", "Infinity", "-Infinity", "1e308", "1e309", "-1e999", "1e-999", ".5e-999",
                        "0", "-0", "-0.0", "00000000000000000000001", "9".repeat(400), "1" + "0".repeat(5000),
                        "0." + "0".repeat(5000) + "1", "2147483648", "-2147483649", "9223372036854775808", "0x10",
                        "1_0", "١٢", "+5", "5.", ".5", "1e3", "1E+3", " 5", "5 "),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf));
    }

    @Provide
    Arbitrary<String> injections() {
        return Arbitraries.oneOf(
                Arbitraries.of(HostileText.SQL_INJECTIONS),
                Arbitraries.of(HostileText.SQL_INJECTIONS).map(sql -> "Harbour" + sql),
                Arbitraries.of(HostileText.SQL_INJECTIONS).map(sql -> "Select Skin " + sql));
    }
}
