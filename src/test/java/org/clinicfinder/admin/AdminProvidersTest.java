package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminProvidersTest extends DirectoryTest {

    private static final String PASSWORD = TestAccounts.PASSWORD;

    @Inject
    AccountService accounts;

    private String editor;
    private String otherEditor;
    private String admin;
    private UUID listed;
    private UUID hidden;

    @BeforeEach
    void accountsAndProviders() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        otherEditor = TestAccounts.create(accounts, AdminRole.EDITOR);
        admin = TestAccounts.create(accounts, AdminRole.ADMIN);
        listed = providers.provider("Harbourside Skin Clinic").insert();
        hidden = providers.provider("Quiet Needling Studio").in("Leeds", "England", "GB", 53.8008, -1.5491)
                .unpublished().insert();
    }

    private RequestSpecification as(String email) {
        return api().auth().preemptive().basic(email, PASSWORD);
    }

    @Test
    void shouldListProvidersPublishedOrNot() {
        as(editor).get("/api/v1/admin/providers").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.name", contains("Harbourside Skin Clinic", "Quiet Needling Studio"))
                .body("items.published", contains(true, false));
        as(editor).get("/api/v1/admin/providers?published=false").then().statusCode(200)
                .body("items.name", contains("Quiet Needling Studio"));
        as(editor).get("/api/v1/admin/providers?q=NEEDLING&country=gb").then().statusCode(200)
                .body("total", equalTo(1));
        as(editor).get("/api/v1/admin/providers?q=100%25").then().statusCode(200).body("total", equalTo(0));
        as(editor).get("/api/v1/admin/providers?limit=1&offset=1").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(1))
                .body("items[0].name", equalTo("Quiet Needling Studio"));
        as(editor).get("/api/v1/admin/providers?limit=0").then().statusCode(400);
    }

    @Test
    void shouldShowAnUnpublishedProviderWithItsVersion() {
        as(editor).get("/api/v1/admin/providers/" + hidden).then().statusCode(200)
                .header("ETag", "\"v0\"")
                .body("provider.name", equalTo("Quiet Needling Studio"))
                .body("published", equalTo(false))
                .body("source", equalTo("test"))
                .body("version", equalTo(0));
        api().get("/api/v1/providers/" + hidden).then().statusCode(404);
        as(editor).get("/api/v1/admin/providers/" + UUID.randomUUID()).then().statusCode(404);
    }

    /**
     * The public API's documents are written by PostgreSQL, the admin API's by Jackson from the same columns:
     * both must be one document, to the last field, whatever the names hold.
     */
    @Test
    void shouldShowThePublicDocumentAsThePublicApiWritesIt() {
        UUID full = providers.provider("Clínica \"Piel\" \\ Ωmega\tNeedling").profession("dermatologist")
                .addressLines("Calle de Alcalá 12", "2º izq.")
                .in("Madrid", "Comunidad de Madrid", "ES", 40.4183083, -3.70275).postalCode("28014")
                .phone("+34915550123").email("hola@piel.example").website("https://piel.example")
                .treatments("acne-scars", "wrinkles").languages("es", "en")
                .devices("derma-stamp").needleDepth("0.5", "1.25").numbing(false)
                .openingHours("{\"timeZone\":\"Europe/Madrid\",\"periods\":[{\"day\":\"friday\",\"opens\":\"09:00\","
                        + "\"closes\":\"24:00\"}]}")
                .credential("Curso de Micropunción", "Academia de Dermatología", 2021, "verified", "2023-01-09")
                .credential("Collagen Induction Basics", "Skin Needling Society", null, "unverified", null)
                .insert();
        UUID bare = providers.provider("Bare Practice").at(null, null).phone(null).insert();

        for (UUID id : new UUID[] {full, bare, listed}) {
            assertPublicApiShowsTheAdminDocument(id);
        }
    }

    /** The public detail is the admin API's document, and the public search's summary is its share of it. */
    private void assertPublicApiShowsTheAdminDocument(UUID id) {
        Map<String, Object> document = as(editor).get("/api/v1/admin/providers/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("provider");
        Map<String, Object> published = api().get("/api/v1/providers/" + id).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(published).isEqualTo(document);

        Map<String, Object> summary = new LinkedHashMap<>(document);
        summary.keySet().removeAll(List.of("devices", "needleDepthMm", "numbingOffered", "openingHours",
                "updatedAt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> address = new LinkedHashMap<>((Map<String, Object>) summary.get("address"));
        address.remove("lines");
        summary.put("address", address);
        Map<String, Object> found = api().get("/api/v1/providers?limit=100").then().statusCode(200)
                .extract().jsonPath().getMap("items.find { it.id == '" + id + "' }");
        assertThat(found).isEqualTo(summary);
    }

    @Test
    void shouldPublishWithTheCurrentVersionAndRecordWhoDidIt() {
        as(editor).header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + hidden + "/publish").then()
                .statusCode(200)
                .header("ETag", "\"v1\"")
                .body("published", equalTo(true))
                .body("version", equalTo(1));
        api().get("/api/v1/providers/" + hidden).then().statusCode(200);

        as(admin).get("/api/v1/admin/audit?providerId=" + hidden).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].actor", equalTo(editor))
                .body("items[0].action", equalTo("provider.publish"))
                .body("items[0].entityId", equalTo(hidden.toString()))
                .body("items[0].before.published", equalTo(false))
                .body("items[0].after.published", equalTo(true));
        as(admin).get("/api/v1/admin/audit?actor=" + editor.toUpperCase()).then().statusCode(200)
                .body("items.action", contains("provider.publish"));
    }

    @Test
    void shouldRefuseAStaleWriteSoThatNoChangeIsSilentlyLost() {
        // Both editors read version 0; the first one's change wins, the second one is told.
        as(editor).header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + listed + "/unpublish").then()
                .statusCode(200).header("ETag", "\"v1\"");
        as(otherEditor).header("If-Match", "\"v0\"").delete("/api/v1/admin/providers/" + listed).then()
                .statusCode(412)
                .contentType("application/problem+json")
                .header("ETag", "\"v1\"")
                .body("type", equalTo("/problems/precondition-failed"))
                .body("detail", containsString("\"v1\""));
        as(otherEditor).get("/api/v1/admin/providers/" + listed).then().statusCode(200);
    }

    @Test
    void shouldRequireIfMatchForEveryChange() {
        as(editor).post("/api/v1/admin/providers/" + hidden + "/publish").then().statusCode(428)
                .body("type", equalTo("/problems/precondition-required"));
        as(editor).post("/api/v1/admin/providers/" + listed + "/unpublish").then().statusCode(428);
        as(editor).delete("/api/v1/admin/providers/" + listed).then().statusCode(428);
        // A wildcard names no version: it would let a change overwrite whatever is there.
        as(editor).header("If-Match", "*").post("/api/v1/admin/providers/" + hidden + "/publish").then()
                .statusCode(428);
    }

    @Test
    void shouldNotPublishAProviderWithoutATrainingCredential() {
        providers.execute("UPDATE provider SET credentials = '[]' WHERE id = '" + hidden + "'");
        as(editor).header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + hidden + "/publish").then()
                .statusCode(409)
                .body("type", equalTo("/problems/conflict"));
    }

    @Test
    void shouldDeleteAndKeepWhatWasDeletedInTheAuditTrail() {
        as(editor).header("If-Match", "\"v0\"").delete("/api/v1/admin/providers/" + listed).then().statusCode(204);
        as(editor).get("/api/v1/admin/providers/" + listed).then().statusCode(404);
        as(admin).get("/api/v1/admin/audit?providerId=" + listed).then().statusCode(200)
                .body("items[0].action", equalTo("provider.delete"))
                .body("items[0].before.provider.name", equalTo("Harbourside Skin Clinic"))
                .body("items[0].after", nullValue());
    }

    @Test
    void shouldAddACredentialAndVerifyIt() {
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"title\": \"Advanced Collagen Induction Therapy\", \"issuer\": \"Academy of Aesthetic Practice\", "
                        + "\"year\": 2022}")
                .post("/api/v1/admin/providers/" + listed + "/credentials").then().statusCode(200)
                .header("ETag", "\"v1\"")
                .body("provider.credentials", hasSize(2))
                .body("provider.credentials[1].status", equalTo("unverified"))
                .body("provider.verified", equalTo(false));

        as(editor).header("If-Match", "\"v1\"").contentType("application/json")
                .body("{\"status\": \"verified\", \"on\": \"2026-11-20\"}")
                .put("/api/v1/admin/providers/" + listed + "/credentials/1/status").then().statusCode(200)
                .header("ETag", "\"v2\"")
                .body("provider.credentials[1].status", equalTo("verified"))
                .body("provider.credentials[1].verifiedOn", equalTo("2026-11-20"))
                .body("provider.verified", equalTo(true));
        api().get("/api/v1/providers/" + listed).then().statusCode(200).body("verified", equalTo(true));
        assertPublicApiShowsTheAdminDocument(listed);

        as(editor).header("If-Match", "\"v2\"").contentType("application/json")
                .body("{\"status\": \"expired\", \"on\": \"2026-11-21\"}")
                .put("/api/v1/admin/providers/" + listed + "/credentials/1/status").then().statusCode(200)
                .body("provider.verified", equalTo(false));

        as(admin).get("/api/v1/admin/audit?providerId=" + listed).then().statusCode(200)
                .body("items.action", contains("provider.credential-status", "provider.credential-status",
                        "provider.credential-add"))
                .body("items[0].before.credential.status", equalTo("verified"))
                .body("items[0].after.credential.status", equalTo("expired"));
    }

    @Test
    void shouldRefuseCredentialChangesThatDoNotHold() {
        String credentials = "/api/v1/admin/providers/" + listed + "/credentials";
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"title\": \"T\", \"issuer\": \"I\", \"status\": \"verified\"}")
                .post(credentials).then().statusCode(400)
                .body("type", equalTo("/problems/invalid-body"))
                .body("errors[0].name", equalTo("status"));
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"title\": \" \", \"issuer\": \"I\"}").post(credentials).then().statusCode(400)
                .body("errors[0].name", equalTo("title"));
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"title\": \"T\", \"issuer\": \"I\", \"year\": 1800}").post(credentials).then()
                .statusCode(400).body("errors[0].name", equalTo("year"));
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"status\": \"verified\"}").put(credentials + "/0/status").then().statusCode(400)
                .body("errors[0].name", equalTo("on"));
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"status\": \"approved\", \"on\": \"2026-11-20\"}").put(credentials + "/0/status").then()
                .statusCode(400).body("errors[0].name", equalTo("status"));
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"status\": \"verified\", \"on\": \"2999-01-01\"}").put(credentials + "/0/status").then()
                .statusCode(400);
        as(editor).header("If-Match", "\"v0\"").contentType("application/json")
                .body("{\"status\": \"verified\", \"on\": \"2026-11-20\"}").put(credentials + "/7/status").then()
                .statusCode(404);
        as(editor).header("If-Match", "\"v9\"").contentType("application/json")
                .body("{\"status\": \"verified\", \"on\": \"2026-11-20\"}").put(credentials + "/0/status").then()
                .statusCode(412);
        as(editor).get("/api/v1/admin/providers/" + listed).then().header("ETag", "\"v0\"");
    }

    private static final String NEW_PROVIDER = """
            {"name": "  Harbourside   Skin Clinic ", "kind": "clinic", "profession": "Dermatology",
             "address": {"lines": ["14 Sir John Rogerson's Quay"], "city": "Dublin", "postalCode": "D02 X285",
                         "country": "Ireland"},
             "location": {"lat": 53.3458, "lon": -6.2435},
             "phone": "01 555 0123", "website": "harbourside-skin.example",
             "treatments": ["acne scars", "Skin Rejuvenation"], "languages": ["English", "ga"],
             "devices": ["Dermapen"], "needleDepthMm": {"min": 0.5, "max": 2.5}, "numbingOffered": true,
             "openingHours": {"timeZone": "Europe/Dublin",
                              "periods": [{"day": "monday", "opens": "09:00", "closes": "17:30"}]},
             "credentials": [{"title": "Advanced Collagen Induction Therapy",
                              "issuer": "Irish Academy of Aesthetic Practice", "year": 2022}]}""";

    @Test
    void shouldCreateAProviderByTheRulesOfAnImport() {
        io.restassured.response.Response created = as(editor).contentType("application/json").body(NEW_PROVIDER)
                .post("/api/v1/admin/providers");
        created.then().statusCode(201)
                .header("ETag", "\"v0\"")
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/admin/providers/[0-9a-f-]{36}"))
                .body("published", equalTo(false))
                .body("source", equalTo("admin"))
                .body("provider.name", equalTo("Harbourside Skin Clinic"))
                .body("provider.profession", equalTo("dermatologist"))
                .body("provider.address.country", equalTo("IE"))
                .body("provider.phone", equalTo("+35315550123"))
                .body("provider.website", equalTo("https://harbourside-skin.example"))
                .body("provider.treatments", contains("acne-scars", "skin-rejuvenation"))
                .body("provider.languages", contains("en", "ga"))
                .body("provider.devices", contains("automated-pen"))
                .body("provider.credentials[0].status", equalTo("unverified"))
                .body("provider.openingHours.timeZone", equalTo("Europe/Dublin"));
        String id = created.path("provider.id");
        api().get("/api/v1/providers/" + id).then().statusCode(404);
        as(admin).get("/api/v1/admin/audit?providerId=" + id).then().body("items[0].action", equalTo("provider.create"))
                .body("items[0].actor", equalTo(editor));
    }

    @Test
    void shouldNameEveryFieldThatDoesNotHold() {
        as(editor).contentType("application/json").body("""
                {"name": "X", "address": {"city": "Dublin", "country": "Atlantis"}, "phone": "12",
                 "treatments": ["botox"]}""").post("/api/v1/admin/providers").then().statusCode(400)
                .body("type", equalTo("/problems/invalid-body"))
                .body("errors.name", org.hamcrest.Matchers.hasItems("address.country", "treatments", "credentials"));
        as(editor).contentType("application/json").body("{\"name\": \"X\", \"address\": {\"city\": \"Leeds\", "
                + "\"country\": \"GB\"}, \"published\": true}").post("/api/v1/admin/providers").then().statusCode(400)
                .body("errors[0].name", equalTo("published"));
        as(editor).contentType("application/json").body("{\"name\": \"X\", \"address\": {\"city\": \"Leeds\", "
                + "\"country\": \"GB\"}, \"verified\": true}").post("/api/v1/admin/providers").then().statusCode(400)
                .body("errors[0].name", equalTo("verified"));
    }

    @Test
    void shouldReplaceDetailsAgainstTheVersionReadAndKeepCredentials() {
        String replacement = """
                {"name": "Harbourside Skin Clinic", "address": {"city": "Dublin", "country": "IE"},
                 "email": "hello@harbourside.example", "treatments": ["acne-scars"]}""";
        as(editor).contentType("application/json").body(replacement).put("/api/v1/admin/providers/" + listed).then()
                .statusCode(428);
        as(editor).contentType("application/json").header("If-Match", "\"v0\"").body(replacement)
                .put("/api/v1/admin/providers/" + listed).then().statusCode(200)
                .header("ETag", "\"v1\"")
                .body("provider.address.city", equalTo("Dublin"))
                .body("provider.email", equalTo("hello@harbourside.example"))
                .body("provider.credentials", hasSize(1))
                .body("provider.credentials[0].title", equalTo("Diploma in Skin Needling"))
                .body("published", equalTo(true));
        api().get("/api/v1/providers/" + listed).then().statusCode(200).body("address.city", equalTo("Dublin"));
        assertPublicApiShowsTheAdminDocument(listed);
        as(otherEditor).contentType("application/json").header("If-Match", "\"v0\"").body(replacement)
                .put("/api/v1/admin/providers/" + listed).then().statusCode(412);
        as(admin).get("/api/v1/admin/audit?providerId=" + listed).then()
                .body("items[0].action", equalTo("provider.replace"))
                .body("items[0].before.provider.address.city", equalTo("London"))
                .body("items[0].after.provider.address.city", equalTo("Dublin"));
    }

    @Test
    void shouldPatchOnlyTheFieldsGivenAndClearThoseGivenAsNull() {
        String patch = """
                {"phone": "+44 20 7946 0999", "address": {"postalCode": null, "region": "Greater London"},
                 "treatments": ["stretch-marks"]}""";
        as(editor).contentType("application/merge-patch+json").body(patch)
                .patch("/api/v1/admin/providers/" + listed).then().statusCode(428);
        as(editor).contentType("application/merge-patch+json").header("If-Match", "\"v0\"").body(patch)
                .patch("/api/v1/admin/providers/" + listed).then().statusCode(200)
                .header("ETag", "\"v1\"")
                .body("provider.name", equalTo("Harbourside Skin Clinic"))
                .body("provider.phone", equalTo("+442079460999"))
                .body("provider.address.city", equalTo("London"))
                .body("provider.address.region", equalTo("Greater London"))
                .body("provider.address.postalCode", nullValue())
                .body("provider.treatments", contains("stretch-marks"))
                .body("provider.credentials", hasSize(1))
                .body("published", equalTo(true));
        as(otherEditor).contentType("application/merge-patch+json").header("If-Match", "\"v0\"")
                .body("{\"website\": null}").patch("/api/v1/admin/providers/" + listed).then().statusCode(412);
        as(admin).get("/api/v1/admin/audit?providerId=" + listed).then()
                .body("items[0].action", equalTo("provider.patch"))
                .body("items[0].before.provider.phone", equalTo("+442079460000"))
                .body("items[0].after.provider.phone", equalTo("+442079460999"));
    }

    @Test
    void shouldRefuseAPatchThatBreaksARuleOrReachesBeyondTheDetails() {
        for (String[] refused : new String[][] {{"{\"name\": null}", "name"}, {"{\"published\": false}", "published"},
                {"{\"credentials\": []}", "credentials"}, {"{\"address\": {\"country\": \"Atlantis\"}}",
                        "address.country"}, {"[1]", "body"}, {"{\"source\": \"mine\"}", "source"}}) {
            as(editor).contentType("application/merge-patch+json").header("If-Match", "\"v0\"").body(refused[0])
                    .patch("/api/v1/admin/providers/" + listed).then().statusCode(400)
                    .body("type", equalTo("/problems/invalid-body"))
                    .body("errors.name", org.hamcrest.Matchers.hasItem(refused[1]));
        }
        as(editor).contentType("application/json").header("If-Match", "\"v0\"").body("{\"phone\": null}")
                .patch("/api/v1/admin/providers/" + listed).then().statusCode(415)
                .body("detail", equalTo("Send the body as application/merge-patch+json."));
        as(editor).get("/api/v1/admin/providers/" + listed).then().header("ETag", "\"v0\"");
    }

    @Test
    void shouldKeepEditorsOutOfTheAuditTrailAndStrangersOutOfEverything() {
        as(editor).get("/api/v1/admin/audit").then().statusCode(403);
        for (String path : new String[] {"/api/v1/admin/providers", "/api/v1/admin/providers/" + listed,
                "/api/v1/admin/audit"}) {
            api().get(path).then().statusCode(401);
            api().header("X-Api-Key", org.clinicfinder.embed.PartnerKeys.generate()).get(path).then().statusCode(401);
        }
        api().header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + hidden + "/publish").then()
                .statusCode(401);
        api().header("If-Match", "\"v0\"").delete("/api/v1/admin/providers/" + listed).then().statusCode(401);
        assertThat(org.clinicfinder.testing.TestDatabase.count("SELECT count(*) FROM provider")).isEqualTo(2);
    }
}
