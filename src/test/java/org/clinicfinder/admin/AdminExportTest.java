package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminExportTest extends DirectoryTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    @Inject
    AccountService accounts;

    @Inject
    ProviderExport export;

    private String editor;

    @BeforeEach
    void accountAndProviders() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        providers.provider("=HYPERLINK(\"https://evil.example\",\"Click\")").website("https://harbourside.example")
                .insert();
        providers.provider("@SUM(1+1)*cmd|' /C calc'!A0").in("Leeds", "England", "GB", 53.8008, -1.5491)
                .unpublished().insert();
        providers.provider("Plain Clinic").in("Dublin", "Leinster", "IE", 53.3498, -6.2603).insert();
    }

    private RequestSpecification asEditor() {
        return api().auth().preemptive().basic(editor, PASSWORD);
    }

    /** The contract's validator reads JSON bodies as JSON; these are streams it describes as binary. */
    private RequestSpecification asEditorUnchecked() {
        return io.restassured.RestAssured.given().auth().preemptive().basic(editor, PASSWORD);
    }

    @Test
    void shouldExportCsvThatNoSpreadsheetRunsAsFormulas() throws IOException {
        String body = asEditor().get("/api/v1/admin/export?format=csv").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"clinic-finder-providers.csv\"")
                .extract().asString();
        List<CsvRecord> records;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(new StringReader(body))) {
            records = reader.stream().toList();
        }
        assertThat(records).hasSize(4);
        assertThat(records.get(0).getFields()).containsExactlyElementsOf(ProviderExport.COLUMNS);
        List<String> names = records.stream().skip(1).map(record -> record.getField(1)).toList();
        assertThat(names).containsExactlyInAnyOrder("'=HYPERLINK(\"https://evil.example\",\"Click\")",
                "'@SUM(1+1)*cmd|' /C calc'!A0", "Plain Clinic");
        assertThat(records.stream().skip(1).map(record -> record.getField(11))).allMatch(phone -> phone.startsWith("'+"));
        CsvRecord dublin = records.stream().filter(record -> record.getField(1).equals("Plain Clinic")).findFirst()
                .orElseThrow();
        assertThat(dublin.getField(10)).isEqualTo("-6.2603");
        assertThat(dublin.getField(20)).startsWith("[{").contains("\"title\": \"Diploma in Skin Needling\"");
        for (CsvRecord record : records) {
            for (String cell : record.getFields()) {
                assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("@").doesNotStartWith("\t").doesNotStartWith("\r");
                if (!cell.matches("-?\\d+(\\.\\d+)?")) {
                    assertThat(cell).doesNotStartWith("-");
                }
            }
        }
    }

    @Test
    void shouldRecordEveryExportInTheAuditTrail() {
        asEditorUnchecked().get("/api/v1/admin/export?format=ndjson&published=true").then().statusCode(200);
        asEditorUnchecked().get("/api/v1/admin/export?format=csv").then().statusCode(200);

        String admin = TestAccounts.create(accounts, AdminRole.ADMIN);
        api().auth().preemptive().basic(admin, PASSWORD).get("/api/v1/admin/audit?actor=" + editor).then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items.action", everyItem(equalTo("export.start")))
                .body("items.entityType", everyItem(equalTo("export")))
                .body("items[0].after.format", equalTo("csv"))
                .body("items[0].after.published", nullValue())
                .body("items[1].after.format", equalTo("ndjson"))
                .body("items[1].after.published", equalTo(true));
    }

    @Test
    void shouldExportNdjsonAndGeoJson() throws IOException {
        String ndjson = asEditorUnchecked().get("/api/v1/admin/export?format=ndjson&published=true").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode provider = json.readTree(line);
            assertThat(provider.get("published").asBoolean()).isTrue();
            assertThat(provider.get("credentials").isArray()).isTrue();
        }

        JsonNode geojson = json.readTree(asEditorUnchecked().get("/api/v1/admin/export?format=geojson").then().statusCode(200)
                .contentType(containsString("application/geo+json")).extract().asString());
        assertThat(geojson.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(geojson.get("features")).hasSize(3);
        JsonNode dublin = null;
        for (JsonNode feature : geojson.get("features")) {
            if (feature.get("properties").get("name").asText().equals("Plain Clinic")) {
                dublin = feature;
            }
        }
        assertThat(dublin).isNotNull();
        assertThat(dublin.get("geometry").get("type").asText()).isEqualTo("Point");
        assertThat(dublin.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(-6.2603);
        assertThat(dublin.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(53.3498);
    }

    @Test
    void shouldStreamOnlyAsManyExportsAtOnceAsConfigured() {
        ProviderExport.Slot first = export.reserve();
        ProviderExport.Slot second = export.reserve();
        asEditor().get("/api/v1/admin/export?format=csv").then().statusCode(429)
                .header("Retry-After", equalTo("30"))
                .body("type", equalTo("/problems/rate-limited"))
                .body("detail", containsString("2 exports are running"));
        first.close();
        first.close();
        asEditorUnchecked().get("/api/v1/admin/export?format=csv").then().statusCode(200);
        asEditorUnchecked().get("/api/v1/admin/export?format=ndjson").then().statusCode(200);
        second.close();
    }

    @Test
    void shouldRefuseStrangersAndUnknownFormats() {
        api().get("/api/v1/admin/export?format=csv").then().statusCode(401);
        asEditor().get("/api/v1/admin/export").then().statusCode(400).body("errors[0].name", equalTo("format"));
        asEditor().get("/api/v1/admin/export?format=xlsx").then().statusCode(400);
    }
}
