package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminImportsTest extends DirectoryTest {

    private static final String IMPORTS = "/api/v1/admin/imports";
    private static final String HEADER = "external_id,name,city,country,phone,credential_title,credential_issuer\n";

    @Inject
    AccountService accounts;

    @TestHTTPResource("/")
    URI baseUri;

    private String editor;
    private String admin;
    private String source;

    @BeforeEach
    void accounts() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
        source = "Academy " + UUID.randomUUID();
    }

    private RequestSpecification as(String email) {
        return api().auth().preemptive().basic(email, TestAccounts.PASSWORD);
    }

    /** A POST whose body has no declared length (Transfer-Encoding: chunked), as streaming clients send. */
    private HttpResponse<String> sendChunked(String path, String json) throws Exception {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((editor + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve(path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String row(String id, String name, String city, String country) {
        return String.join(",", id, name, city, country, "", "Certificate in Skin Needling", "Needling Academy") + "\n";
    }

    /** Follows a run until it has finished, as a client polling its Location would. */
    private JsonPath finished(String location) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonPath run = as(editor).get(location).then().statusCode(200).extract().jsonPath();
            if (!run.getString("status").equals("running")) {
                return run;
            }
            assertThat(Instant.now()).as("the import finishes").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void shouldCheckAListThenPublishExactlyWhatWasChecked() throws InterruptedException {
        String csv = HEADER + row("A1", "Harbourside Skin Clinic", "Dublin", "IE")
                + row("A2", "Atlantis Needling", "Poseidonia", "Atlantis") + row("A3", "London Skin Rooms", "London", "GB");
        String location = as(editor).contentType("text/csv").body(csv)
                .queryParam("source", source).queryParam("dryRun", true).queryParam("fileName", "trainees.csv")
                .post(IMPORTS).then().statusCode(202)
                .header("Location", containsString(IMPORTS + "/"))
                .body("source", equalTo(source))
                .body("fileName", equalTo("trainees.csv"))
                .body("dryRun", equalTo(true))
                .body("startedBy", equalTo(editor))
                .extract().header("Location");

        JsonPath checked = finished(location);
        assertThat(checked.getString("status")).isEqualTo("validated");
        assertThat(checked.getLong("rowsRead")).isEqualTo(3);
        assertThat(checked.getLong("accepted")).isEqualTo(2);
        assertThat(checked.getLong("rejected")).isEqualTo(1);
        assertThat(checked.getLong("inserted")).isEqualTo(2);
        assertThat(checked.getLong("bytesRead")).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(checked.getBoolean("publishable")).isTrue();
        as(editor).get(location + "/report").then().statusCode(200)
                .body("run.status", equalTo("validated"))
                .body("issues", hasSize(1))
                .body("issues[0].line", equalTo(3))
                .body("issues[0].field", equalTo("country"))
                .body("issues[0].value", equalTo("Atlantis"));
        api().get("/api/v1/providers?q=Harbourside").then().body("items", hasSize(0));

        String published = as(editor).post(location + "/publish").then().statusCode(202)
                .body("dryRun", equalTo(false)).extract().header("Location");
        JsonPath publishing = finished(published);
        assertThat(publishing.getString("status")).isEqualTo("published");
        assertThat(publishing.getLong("inserted")).isEqualTo(2);
        assertThat(publishing.getString("fileSha256")).isEqualTo(checked.getString("fileSha256"));
        api().get("/api/v1/providers?q=Harbourside").then().body("items.name", contains("Harbourside Skin Clinic"));

        as(editor).get(location).then().body("publishable", equalTo(false))
                .body("publishedAs", equalTo(publishing.getString("id")));
        as(editor).post(location + "/publish").then().statusCode(409).body("type", equalTo("/problems/conflict"));
        as(editor).post(published + "/publish").then().statusCode(409)
                .body("detail", containsString("Only a dry run"));
        as(admin).get("/api/v1/admin/audit?actor=" + editor).then()
                .body("items.action", hasItem("import.check"))
                .body("items.action", hasItem("import.publish"))
                .body("items[0].entityType", equalTo("import"));
    }

    @Test
    void shouldRefuseAnImportBeyondThoseRunningAtOnceAndLetTheRunningOnesFinish() throws Exception {
        String first;
        String second;
        // The running imports wait for the directory, held by another transaction, so that they stay running.
        try (java.sql.Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE provider IN ACCESS EXCLUSIVE MODE");
            }
            first = startImport(source + " one", row("R1", "Harbourside Skin Clinic", "Dublin", "IE"));
            second = startImport(source + " two", row("R2", "Liffey Needling Rooms", "Dublin", "IE"));

            as(editor).contentType("text/csv").body(HEADER + row("R3", "Quayside Skin", "Cork", "IE"))
                    .queryParam("source", source + " three").post(IMPORTS).then().statusCode(409)
                    .contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("type", equalTo("/problems/conflict"))
                    .body("detail", containsString("2 imports are running"));
            holder.rollback();
        }
        assertThat(finished(first).getString("status")).isEqualTo("published");
        assertThat(finished(second).getString("status")).isEqualTo("published");
        api().get("/api/v1/providers?country=IE").then()
                .body("items.name", org.hamcrest.Matchers.containsInAnyOrder("Harbourside Skin Clinic",
                        "Liffey Needling Rooms"));
        // With a slot free again, the refused list goes in.
        assertThat(finished(startImport(source + " three", row("R3", "Quayside Skin", "Cork", "IE")))
                .getString("status")).isEqualTo("published");
    }

    /** Starts an import of these rows; its Location. */
    private String startImport(String source, String rows) {
        return as(editor).contentType("text/csv").body(HEADER + rows).queryParam("source", source).post(IMPORTS)
                .then().statusCode(202).extract().header("Location");
    }

    @Test
    void shouldTakeAFormUploadAndTellTheFormatByTheFileName() throws InterruptedException {
        String ndjson = """
                {"name": "Auckland Skin", "city": "Auckland", "country": "NZ", "credential_title": "Diploma", "credential_issuer": "Academy"}
                """;
        String location = as(editor).multiPart("file", "auckland.ndjson", ndjson.getBytes(StandardCharsets.UTF_8),
                "application/octet-stream").queryParam("source", source).post(IMPORTS).then().statusCode(202)
                .body("fileName", equalTo("auckland.ndjson"))
                .body("format", equalTo("ndjson"))
                .extract().header("Location");

        assertThat(finished(location).getString("status")).isEqualTo("published");
        api().get("/api/v1/providers?q=Auckland").then().body("items.name", contains("Auckland Skin"));
    }

    @Test
    void shouldListRunsNewestFirstWithTheirProgress() throws InterruptedException {
        String first = as(editor).contentType("text/csv").body(HEADER + row("B1", "First Skin", "Cork", "IE"))
                .queryParam("source", source).post(IMPORTS).then().statusCode(202).extract().header("Location");
        finished(first);
        String second = as(editor).contentType("application/json")
                .body("[{\"name\": \"Second Skin\", \"city\": \"Cork\", \"country\": \"IE\"}]")
                .queryParam("source", source).queryParam("dryRun", true).post(IMPORTS).then().statusCode(202)
                .extract().header("Location");
        JsonPath failed = finished(second);
        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("failure")).contains("every row was rejected");

        as(editor).queryParam("source", source).get(IMPORTS).then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].id", equalTo(second.substring(second.lastIndexOf('/') + 1)))
                .body("items[0].format", equalTo("json"))
                .body("items[1].status", equalTo("published"));
        as(editor).queryParam("source", source).queryParam("status", "published").get(IMPORTS).then()
                .body("items", hasSize(1)).body("items[0].finishedAt", notNullValue());
        as(editor).queryParam("source", source).queryParam("limit", 1)
                .queryParam("before", failed.getString("startedAt")).get(IMPORTS).then()
                .body("items", hasSize(1)).body("items[0].status", equalTo("published"));
        as(editor).get(IMPORTS + "/" + UUID.randomUUID()).then().statusCode(404);
        as(editor).get(IMPORTS + "/" + UUID.randomUUID() + "/report").then().statusCode(404);
    }

    @Test
    void shouldRefuseAnUploadOverTheLimitAndKeepNothingOfIt() {
        byte[] large = new byte[300 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        as(editor).contentType("text/csv").body(large).queryParam("source", source).post(IMPORTS).then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/payload-too-large"))
                .body("detail", containsString("at most"));
        as(editor).multiPart("file", "big.csv", large, "text/csv").queryParam("source", source).post(IMPORTS).then()
                .statusCode(413).body("type", equalTo("/problems/payload-too-large"));
        as(editor).queryParam("source", source).get(IMPORTS).then().body("items", hasSize(0));
    }

    @Test
    void shouldHoldOtherRequestBodiesToASmallerLimit() throws Exception {
        String name = "x".repeat(2 * 1024 * 1024);
        as(editor).contentType("application/json").body("{\"name\": \"" + name + "\"}")
                .post("/api/v1/admin/providers").then().statusCode(413)
                .body("type", equalTo("/problems/payload-too-large"));
        // Sent in chunks, without Content-Length: counted as it arrives.
        HttpResponse<String> chunked = sendChunked("/api/v1/admin/providers", "{\"name\": \"" + name + "\"}");
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(chunked.body()).contains("/problems/payload-too-large");
        // A small body in chunks is read as any other.
        assertThat(sendChunked("/api/v1/admin/providers", "{\"name\": \"\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSayWhatIsWrongWithTheRequest() {
        as(editor).contentType("text/csv").body(HEADER).post(IMPORTS).then().statusCode(400)
                .body("errors.name", hasItem("source"));
        as(editor).contentType("text/csv").body(HEADER).queryParam("source", source).queryParam("country", "Atlantis")
                .post(IMPORTS).then().statusCode(400).body("errors.name", hasItem("country"));
        as(editor).multiPart("file", "list.xlsx", "x".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .queryParam("source", source).post(IMPORTS).then().statusCode(400)
                .body("errors.name", hasItem("format"));
        as(editor).contentType("application/xml").body("<providers/>").queryParam("source", source).post(IMPORTS)
                .then().statusCode(415)
                .body("detail", equalTo("Send the body as text/csv or application/x-ndjson or application/json or "
                        + "multipart/form-data."));
        as(editor).queryParam("source", source).get(IMPORTS).then().body("items", hasSize(0));
        api().contentType("text/csv").body(HEADER).queryParam("source", source).post(IMPORTS).then().statusCode(401)
                .header("WWW-Authenticate", endsWith("\""));
    }
}
