package org.clinicfinder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.TestDatabase.count;
import static org.clinicfinder.testing.TestDatabase.one;
import static org.clinicfinder.testing.TestDatabase.query;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import job, run as its command line runs it, against the real database. */
@QuarkusMainTest
class ImportCommandTest {

    static final String HEADER = "external_id,name,city,country,phone,treatments,credential_title,credential_issuer,"
            + "credential_year";

    @TempDir
    Path dir;

    @BeforeEach
    void emptyDirectory() {
        TestDatabase.clean();
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String row(String id, String name, String city, String country, String phone, String treatments) {
        return String.join(",", id, name, city, country, phone, treatments, "Certificate in Skin Needling",
                "Collagen Induction Therapy Academy", "2022");
    }

    private static LaunchResult run(QuarkusMainLauncher launcher, Object... args) {
        List<String> all = new ArrayList<>(List.of("import", "--progress", "none"));
        for (Object arg : args) {
            all.add(arg.toString());
        }
        return launcher.launch(all.toArray(String[]::new));
    }

    private JsonNode report(QuarkusMainLauncher launcher, Path file, Object... args) throws IOException {
        Path report = dir.resolve("report.json");
        List<Object> all = new ArrayList<>(List.of(file, "--report", report));
        all.addAll(List.of(args));
        run(launcher, all.toArray());
        return new ObjectMapper().readTree(report.toFile());
    }

    private static Map<String, Object> provider(String name) {
        return one("SELECT * FROM provider WHERE name = '" + name.replace("'", "''") + "'");
    }

    private static void assertNoStackTrace(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void shouldImportACsvFileAndPublishEveryRow(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("list.csv", HEADER + "\n"
                + row("A1", "Harbourside Skin Clinic", "Dublin", "IE", "01 555 0123", "acne-scars") + "\n"
                + row("A2", "London Skin Rooms", "London", "GB", "020 7946 0018", "wrinkles;stretch-marks") + "\n");

        LaunchResult result = run(launcher, file, "--source", "Academy list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("2 rows read, 2 accepted, 0 rejected")
                .contains("2 inserted, 0 updated, 0 unchanged, 0 unpublished");
        Map<String, Object> london = provider("London Skin Rooms");
        assertThat(london).containsEntry("published", true).containsEntry("country", "GB")
                .containsEntry("phone", "+442079460018").containsEntry("source", "Academy list")
                .containsEntry("source_key", "id:A2").containsEntry("external_id", "A2")
                .containsEntry("treatments", List.of("wrinkles", "stretch-marks"));
        assertThat(london.get("credentials").toString()).contains("Collagen Induction Therapy Academy");
        Map<String, Object> run = one("SELECT * FROM import_run");
        assertThat(run).containsEntry("status", "published").containsEntry("file_name", file.toString())
                .containsEntry("mode", "upsert").containsEntry("inserted", 2L).containsEntry("rows_read", 2L)
                .containsEntry("format", "csv");
        assertThat(run.get("file_sha256")).isEqualTo(sha256(file));
        assertThat(run.get("finished_at")).isNotNull();
    }

    @Test
    void shouldDetectSemicolonsAndReadByteOrderMarksAndDecimalCommas(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("liste.csv", "\uFEFFName;Ort;Land;Latitude;Longitude;Needle depth;Credential;Issuer\n"
                + "Praxis Müller;Köln;Deutschland;50,9375;6,9603;1,5 mm;Zertifikat Microneedling;Akademie für Haut\n"
                + "\"Hautzentrum; Süd\";München;DE;48,1351;11,5820;0,5-2mm;Zertifikat;Akademie\n");

        LaunchResult result = run(launcher, file, "--source", "Akademie");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(provider("Praxis Müller")).containsEntry("city", "Köln").containsEntry("country", "DE")
                .containsEntry("latitude", 50.9375).containsEntry("longitude", 6.9603)
                .containsEntry("needle_depth_min_mm", new java.math.BigDecimal("1.50"))
                .containsEntry("needle_depth_max_mm", new java.math.BigDecimal("1.50"));
        assertThat(provider("Hautzentrum; Süd")).containsEntry("needle_depth_min_mm", new java.math.BigDecimal("0.50"))
                .containsEntry("needle_depth_max_mm", new java.math.BigDecimal("2.00"));
    }

    @Test
    void shouldReadQuotedCellsHoldingSeparatorsQuotesAndLineBreaks(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("quoted.csv", "name,address_line1,city,country,credential_title,credential_issuer\n"
                + "\"Smith, Jones & \"\"Partners\"\"\",\"Unit 4\nHarbour Yard\",Cork,IE,Diploma,Academy\n"
                + "Second Clinic,1 Main Street,Cork,IE,Diploma,Academy\n");

        LaunchResult result = run(launcher, file, "--source", "quotes");

        assertThat(result.exitCode()).isZero();
        assertThat(provider("Smith, Jones & \"Partners\"").get("address_lines")).isEqualTo(List.of("Unit 4 Harbour Yard"));
        assertThat(count("SELECT count(*) FROM provider")).isEqualTo(2);
    }

    @Test
    void shouldImportAJsonArray(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("list.json", """
                [
                  {"id": "J1", "name": "Cape Skin Studio", "city": "Cape Town", "country": "South Africa",
                   "treatments": ["acne scarring", "striae"], "languages": ["English", "Afrikaans"],
                   "latitude": -33.9249, "longitude": 18.4241,
                   "credentials": [{"title": "Advanced Microneedling", "issuer": "Skin Academy", "year": 2021,
                                    "status": "verified", "verifiedOn": "2024-02-01"}]},
                  {"id": "J2", "name": "Joburg Derm", "city": "Johannesburg", "country": "ZA",
                   "credential_title": "Diploma", "credential_issuer": "Skin Academy", "unknownField": "x"}
                ]
                """);

        LaunchResult result = run(launcher, file, "--source", "json list");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        Map<String, Object> cape = provider("Cape Skin Studio");
        assertThat(cape).containsEntry("country", "ZA").containsEntry("verified", true)
                .containsEntry("treatments", List.of("acne-scars", "stretch-marks"))
                .containsEntry("languages", List.of("en", "af")).containsEntry("latitude", -33.9249);
        assertThat(count("SELECT count(*) FROM import_issue WHERE kind = 'ignored-column' AND field = 'unknownField'"))
                .isEqualTo(1);
    }

    @Test
    void shouldImportNdjsonWithTheLineOfEachRecord(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("list.ndjson", """
                {"name": "Auckland Skin", "city": "Auckland", "country": "NZ", "credential_title": "Diploma", "credential_issuer": "Academy"}

                {"name": "Wellington Skin", "city": "Wellington", "country": "NZ", "phone": "not a phone", "credential_title": "Diploma", "credential_issuer": "Academy"}
                """);

        JsonNode report = report(launcher, file, "--source", "ndjson list");

        assertThat(report.at("/run/status").asText()).isEqualTo("published");
        assertThat(report.at("/run/inserted").asLong()).isEqualTo(1);
        assertThat(report.at("/issues/0/line").asLong()).isEqualTo(3);
        assertThat(report.at("/issues/0/field").asText()).isEqualTo("phone");
        assertThat(report.at("/issues/0/value").asText()).isEqualTo("not a phone");
    }

    @Test
    void shouldReadColumnsNamedOtherwiseThroughAMappingFile(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("praxen.csv", "Praxisname;Stadt;Staat;Telefonnummer;Ausbildung;Akademie\n"
                + "Hautpraxis Weber;Berlin;DE;030 12345678;Kurs Microneedling;Akademie Berlin\n");
        Path mapping = file("mapping.json", """
                {"Praxisname": "name", "Stadt": "city", "Staat": "country", "Telefonnummer": "phone",
                 "Ausbildung": "credential_title", "Akademie": "credential_issuer"}""");

        LaunchResult result = run(launcher, file, "--source", "mapped", "--mapping", mapping);

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(provider("Hautpraxis Weber")).containsEntry("phone", "+493012345678").containsEntry("city", "Berlin");

        Path wrong = file("wrong.json", "{\"Praxisname\": \"clinic_title\"}");
        LaunchResult refused = run(launcher, file, "--source", "mapped", "--mapping", wrong);
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.getErrorOutput()).contains("wrong.json").contains("\"clinic_title\", which is not a field");
    }

    @Test
    void shouldNormaliseEveryField(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("messy.csv", "Clinic name,Type,Speciality,Town,County,Post code,Country,Tel,E-mail,Web,"
                + "Services,Languages spoken,Equipment,Needle depth,Numbing cream,Opening hours,Certificate,Issued by,"
                + "Year,Status,Verified on\n"
                + "  Harley   Street  Clinic ,Practitioner,Dermatology,London,Greater London,w1g 9pf,United Kingdom,"
                + "020 7946 0018,Info@Harley.EXAMPLE,www.harley.example,Acne scarring | striae | Fine lines,"
                + "English; Deutsch,Dermapen;RF microneedling,0.5-1.5mm,Yes,Mo-Fr 09:00-17:30; Sa 10:00-14:00,"
                + "Diploma,Academy,2021,Verified,2024-05-01\n"
                + "UK Skin,,,Leeds,,,UK,,,http://uk.example/path?x=1,,,,,No,,Diploma,Academy,,,\n"
                + "GB Skin,,,Leeds,,,Great Britain,,,,,,,,,,Diploma,Academy,,,\n"
                + "England Skin,,,Leeds,,,England,,,,,,,,,,Diploma,Academy,,,\n"
                + "Deutschland Skin,,,Berlin,,,Deutschland,,,,,,,,,,Diploma,Academy,,,\n"
                + "South Africa Skin,,,Durban,,,South Africa,,,,,,,,,,Diploma,Academy,,,\n"
                + "Alpha3 Skin,,,Cork,,,IRL,,,,,,,,,,Diploma,Academy,,,\n");

        LaunchResult result = run(launcher, file, "--source", "messy");

        assertThat(result.exitCode()).as(result.getOutput() + result.getErrorOutput()).isZero();
        Map<String, Object> harley = provider("Harley Street Clinic");
        assertThat(harley).containsEntry("kind", "practitioner").containsEntry("profession", "dermatologist")
                .containsEntry("region", "Greater London").containsEntry("postal_code", "w1g 9pf")
                .containsEntry("country", "GB").containsEntry("phone", "+442079460018")
                .containsEntry("email", "Info@harley.example").containsEntry("website", "https://www.harley.example")
                .containsEntry("treatments", List.of("acne-scars", "wrinkles", "stretch-marks"))
                .containsEntry("languages", List.of("en", "de"))
                .containsEntry("devices", List.of("automated-pen", "radiofrequency"))
                .containsEntry("numbing_offered", true).containsEntry("verified", true);
        assertThat(harley.get("opening_hours").toString()).contains("\"timeZone\": \"Europe/London\"")
                .contains("\"day\": \"saturday\", \"opens\": \"10:00\", \"closes\": \"14:00\"");
        assertThat(provider("UK Skin")).containsEntry("country", "GB").containsEntry("numbing_offered", false)
                .containsEntry("website", "http://uk.example/path?x=1");
        assertThat(query("SELECT name, country FROM provider ORDER BY name")).extracting(row -> row.get("country"))
                .containsExactly("IE", "DE", "GB", "GB", "GB", "ZA", "GB");
    }

    @Test
    void shouldRejectBadRowsNamingLineFieldValueAndReason(QuarkusMainLauncher launcher) throws IOException {
        String header = "name,city,country,phone,email,website,treatments,needle_depth_mm,latitude,longitude,"
                + "credential_title,credential_issuer,credential_year,credential_status,credential_verified_on";
        String ok = ",Diploma,Academy,2020,,";
        Path file = file("bad.csv", header + "\n"
                + "Good Clinic,London,GB,,,,,,,," + ok.substring(1) + "\n"                       // line 2
                + ",London,GB,,,,,,,," + ok.substring(1) + "\n"                                  // 3 name
                + "Atlantis Clinic,Poseidonia,Atlantis,,,,,,,," + ok.substring(1) + "\n"         // 4 country
                + "Phone Clinic,London,GB,12,,,,,,," + ok.substring(1) + "\n"                   // 5 phone
                + "Mail Clinic,London,GB,,not-an-email,,,,,," + ok.substring(1) + "\n"          // 6 email
                + "Web Clinic,London,GB,,,javascript:alert(1),,,,," + ok.substring(1) + "\n"    // 7 website
                + "Botox Clinic,London,GB,,,,botox,,,," + ok.substring(1) + "\n"                // 8 treatments
                + "Deep Clinic,London,GB,,,,,5mm,,," + ok.substring(1) + "\n"                   // 9 needle depth
                + "Pole Clinic,London,GB,,,,,,95,0" + ok + "\n"                                  // 10 latitude
                + "Half Clinic,London,GB,,,,,,51.5," + ok + "\n"                                 // 11 longitude
                + "\"Untrained\nClinic\",London,GB,,,,,,,,,,,,\n"                               // 12-13 credential
                + "Vouched Clinic,London,GB,,,,,,,,Diploma,Academy,2020,verified,\n"             // 14 verified_on
                + "Old Clinic,London,GB,,,,,,,,Diploma,Academy,1890,,\n"                         // 15 year
                + "Wide Clinic,London,GB,,,,,,,," + ok.substring(1) + ",extra\n");               // 16 cells

        JsonNode report = report(launcher, file, "--source", "bad rows");

        assertThat(report.at("/run/status").asText()).isEqualTo("published");
        assertThat(report.at("/run/accepted").asLong()).isEqualTo(1);
        assertThat(report.at("/run/rejected").asLong()).isEqualTo(13);
        assertThat(count("SELECT count(*) FROM provider")).isEqualTo(1);
        assertRejected(report, 3, "name", null, "is required");
        assertRejected(report, 4, "country", "Atlantis", "is not a country name or an ISO 3166-1 code");
        assertRejected(report, 5, "phone", "12", "is not a valid phone number for GB");
        assertRejected(report, 6, "email", "not-an-email", "is not an e-mail address");
        assertRejected(report, 7, "website", "javascript:alert(1)", "must be an http or https address");
        assertRejected(report, 8, "treatments", "botox", "is not one of: acne-scars, wrinkles");
        assertRejected(report, 9, "needle_depth_mm", "5mm", "must lie within 0.1 to 3.0 mm");
        assertRejected(report, 10, "latitude", "95", "must be between -90 and 90");
        assertRejected(report, 11, "longitude", null, "give latitude and longitude together");
        assertRejected(report, 12, "credential_title", null, "no training credential");
        assertRejected(report, 14, "credential_verified_on", null, "is required for a verified credential");
        assertRejected(report, 15, "credential_year", "1890", "must be a year from 1950");
        assertRejected(report, 16, null, null, "has 16 cells but the header has 15");
    }

    private static void assertRejected(JsonNode report, long line, String field, String value, String reason) {
        List<JsonNode> matching = new ArrayList<>();
        report.get("issues").forEach(issue -> {
            if (issue.get("line").asLong() == line && "rejected".equals(issue.get("kind").asText())) {
                matching.add(issue);
            }
        });
        assertThat(matching).as("issues of line %d in %s", line, report.get("issues")).hasSize(1);
        JsonNode issue = matching.get(0);
        assertThat(issue.get("field").isNull() ? null : issue.get("field").asText()).isEqualTo(field);
        assertThat(issue.get("value").isNull() ? null : issue.get("value").asText()).isEqualTo(value);
        assertThat(issue.get("reason").asText()).contains(reason);
    }

    @Test
    void shouldKeepSpreadsheetFormulasAsPlainText(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("formulas.csv", "name,city,region,address_line1,country,credential_title,credential_issuer\n"
                + "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",London,@SUM(A1),-2+3,GB,+Diploma,Academy\n");

        LaunchResult result = run(launcher, file, "--source", "formulas");

        assertThat(result.exitCode()).isZero();
        Map<String, Object> row = one("SELECT * FROM provider");
        assertThat(row).containsEntry("name", "=HYPERLINK(\"http://evil.example\",\"x\")")
                .containsEntry("region", "@SUM(A1)").containsEntry("address_lines", List.of("-2+3"));
        assertThat(row.get("credentials").toString()).contains("\"+Diploma\"");
    }

    @Test
    void shouldMergeDuplicatesWithinAFileAndReportThem(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("dups.csv", "external_id,name,city,postal_code,country,phone,treatments,credential_title,"
                + "credential_issuer\n"
                + "D1,Bay Clinic,Galway,H91 X2Y3,IE,,acne-scars,Diploma,Academy\n"
                + ",Riverside Skin,Limerick,V94 AB12,IE,,wrinkles,Diploma,Academy\n"
                + "D1,Bay Clinic,Galway,H91 X2Y3,IE,091 555 123,stretch-marks,Advanced Course,Academy\n"
                + ",Riverside  SKIN,Limerick,v94ab12,Ireland,,pigmentation,Diploma,Academy\n");

        JsonNode report = report(launcher, file, "--source", "dups");

        assertThat(report.at("/run/merged").asLong()).isEqualTo(2);
        assertThat(report.at("/run/inserted").asLong()).isEqualTo(2);
        Map<String, Object> bay = provider("Bay Clinic");
        assertThat(bay).containsEntry("phone", "+35391555123")
                .containsEntry("treatments", List.of("acne-scars", "stretch-marks"));
        assertThat(bay.get("credentials").toString()).contains("Advanced Course").contains("Diploma");
        List<String> merges = new ArrayList<>();
        report.get("issues").forEach(issue -> {
            if (issue.get("kind").asText().equals("merged")) {
                merges.add(issue.get("line").asLong() + ": " + issue.get("reason").asText());
            }
        });
        assertThat(merges).containsExactly(
                "4: names the same provider as line 2 (same external id D1); merged into it",
                "5: names the same provider as line 3 (same name, postcode or city, and country); merged into it");
    }

    @Test
    void shouldChangeNothingWhenTheSameFileIsImportedAgain(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("same.csv", HEADER + "\n" + row("S1", "One", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("S2", "Two", "Dublin", "IE", "", "wrinkles") + "\n");
        assertThat(run(launcher, file, "--source", "same").exitCode()).isZero();
        Object updatedAt = provider("One").get("updated_at");

        LaunchResult again = run(launcher, file, "--source", "same");

        assertThat(again.exitCode()).isZero();
        assertThat(again.getOutput()).contains("0 inserted, 0 updated, 2 unchanged, 0 unpublished");
        assertThat(provider("One").get("updated_at")).isEqualTo(updatedAt);

        Path changed = file("changed.csv", HEADER + "\n" + row("S1", "One", "Dublin", "IE", "01 555 0199",
                "acne-scars") + "\n" + row("S2", "Two", "Dublin", "IE", "", "wrinkles") + "\n");
        assertThat(run(launcher, changed, "--source", "same").getOutput())
                .contains("0 inserted, 1 updated, 1 unchanged, 0 unpublished");
        assertThat(provider("One")).containsEntry("phone", "+35315550199");
    }

    @Test
    void shouldLeaveAProviderUnchangedWhoseDigestWasWrittenOtherwise(QuarkusMainLauncher launcher)
            throws IOException {
        Path file = file("same.csv", HEADER + "\n" + row("H1", "Digest One", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("H2", "Digest Two", "Dublin", "IE", "", "wrinkles") + "\n");
        run(launcher, file, "--source", "digests");
        String digest = (String) provider("Digest One").get("content_hash");
        // As an earlier version of the job, or a merge of duplicates, may have written it.
        TestDatabase.execute("UPDATE provider SET content_hash = md5('written otherwise') WHERE name = 'Digest One'");
        Object updatedAt = provider("Digest One").get("updated_at");

        LaunchResult again = run(launcher, file, "--source", "digests");

        assertThat(again.getOutput()).contains("0 inserted, 0 updated, 2 unchanged, 0 unpublished");
        assertThat(provider("Digest One")).containsEntry("content_hash", digest).containsEntry("version", 0)
                .containsEntry("updated_at", updatedAt);
    }

    @Test
    void shouldLeaveAMergedProviderUnchangedWhenItsListNamesItOnce(QuarkusMainLauncher launcher) throws IOException {
        Path twice = file("twice.csv", HEADER + "\n" + row("M1", "Merged Once", "Dublin", "IE", "", "acne-scars")
                + "\n" + row("M1", "Merged Once", "Dublin", "IE", "", "wrinkles") + "\n");
        Path once = file("once.csv", HEADER + "\n" + row("M1", "Merged Once", "Dublin", "IE", "",
                "acne-scars;wrinkles") + "\n");
        assertThat(run(launcher, twice, "--source", "merges").getOutput()).contains("1 inserted");

        assertThat(run(launcher, once, "--source", "merges").getOutput())
                .contains("0 inserted, 0 updated, 1 unchanged");
        assertThat(run(launcher, twice, "--source", "merges").getOutput())
                .contains("0 inserted, 0 updated, 1 unchanged");
        assertThat(provider("Merged Once")).containsEntry("version", 0)
                .containsEntry("treatments", List.of("acne-scars", "wrinkles"));
    }

    @Test
    void shouldUnpublishWhatASyncNoLongerListsAndKeepTheRest(QuarkusMainLauncher launcher) throws IOException {
        Path full = file("full.csv", HEADER + "\n" + row("K1", "Kept", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("K2", "Dropped", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("K3", "Badly Written", "Dublin", "IE", "", "acne-scars") + "\n");
        run(launcher, full, "--source", "network");
        run(launcher, file("other.csv", HEADER + "\n" + row("K2", "Other Source", "Cork", "IE", "", "wrinkles")
                + "\n"), "--source", "someone else");
        Path smaller = file("smaller.csv", HEADER + "\n" + row("K1", "Kept", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("K3", "Badly Written", "Dublin", "IE", "", "botox") + "\n");

        LaunchResult upsert = run(launcher, smaller, "--source", "network");
        assertThat(upsert.getOutput()).contains("0 unpublished");
        LaunchResult sync = run(launcher, smaller, "--source", "network", "--mode", "sync");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.getOutput()).contains("1 unpublished");
        assertThat(provider("Dropped")).containsEntry("published", false);
        assertThat(provider("Dropped").get("unpublished_at")).isNotNull();
        assertThat(provider("Kept")).containsEntry("published", true);
        assertThat(provider("Badly Written")).containsEntry("published", true);
        assertThat(provider("Other Source")).containsEntry("published", true);

        LaunchResult back = run(launcher, full, "--source", "network", "--mode", "sync");
        assertThat(back.getOutput()).contains("0 inserted, 1 updated, 2 unchanged");
        assertThat(provider("Dropped")).containsEntry("published", true).containsEntry("unpublished_at", null);
    }

    @Test
    void shouldReportWithoutPublishingOnADryRun(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("dry.csv", HEADER + "\n" + row("R1", "Dry One", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("R2", "Dry Two", "Dublin", "IE", "bad", "acne-scars") + "\n");

        LaunchResult result = run(launcher, file, "--source", "dry", "--dry-run");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput()).contains("Dry run of").contains("would be: 1 inserted, 0 updated");
        assertThat(count("SELECT count(*) FROM provider")).isZero();
        assertThat(one("SELECT status, inserted, rejected FROM import_run")).containsEntry("status", "validated")
                .containsEntry("inserted", 1L).containsEntry("rejected", 1L);
    }

    @Test
    void shouldPublishNothingWhenMoreRowsThanMaxErrorsAreRejected(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("errors.csv", HEADER + "\n" + row("E1", "Fine", "Dublin", "IE", "", "acne-scars") + "\n"
                + row("E2", "Bad One", "Dublin", "IE", "x", "acne-scars") + "\n"
                + row("E3", "Bad Two", "Dublin", "IE", "", "botox") + "\n"
                + row("E4", "Bad Three", "Dublin", "Atlantis", "", "acne-scars") + "\n");

        LaunchResult refused = run(launcher, file, "--source", "strict", "--max-errors", "2");

        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.getErrorOutput()).contains("more than 2 rows rejected").contains("stopped at line 5");
        assertThat(count("SELECT count(*) FROM provider")).isZero();
        assertThat(one("SELECT status FROM import_run")).containsEntry("status", "failed");

        LaunchResult tolerated = run(launcher, file, "--source", "strict", "--max-errors", "3");
        assertThat(tolerated.exitCode()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM provider")).isEqualTo(1);
    }

    @Test
    void shouldRejectHostileValuesWithoutHarm(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("hostile.json", """
                [
                  {"id": "H1", "name": "Nul\\u0000Clinic", "city": "Dublin", "country": "IE",
                   "credential_title": "Diploma", "credential_issuer": "Academy"},
                  {"id": "H2", "name": "Object Phone", "city": "Dublin", "country": "IE", "phone": {"x": 1},
                   "credential_title": "Diploma", "credential_issuer": "Academy"},
                  {"id": "H3", "name": "Bücher Skin", "city": "Dublin", "country": "IE", "kind": "practitioner",
                   "website": "https://bücher.example/search?q=a%26b", "latitude": 53.35, "longitude": -6.26,
                   "credential_title": "Diploma", "credential_issuer": "Academy"},
                  {"id": "H3", "name": "Bücher Skin", "city": "Dublin", "country": "IE",
                   "credential_title": "Diploma", "credential_issuer": "Academy"}
                ]
                """);

        JsonNode report = report(launcher, file, "--source", "hostile");

        assertThat(report.at("/run/status").asText()).isEqualTo("published");
        assertRejected(report, 2, "name", "Nul\\0Clinic", "contains a NUL character");
        assertRejected(report, 4, "phone", "{\"x\":1}", "must be a single value");
        assertThat(provider("Bücher Skin")).containsEntry("kind", "practitioner")
                .containsEntry("website", "https://xn--bcher-kva.example/search?q=a%26b");
    }

    @Test
    void shouldRejectTextThatWouldBeStoredOtherwiseThanGiven(QuarkusMainLauncher launcher) throws IOException {
        // Half a surrogate pair would be stored as "?"; a title or issuer of control characters only, as nothing.
        Path file = file("unstorable.ndjson", """
                {"id": "U1", "name": "Half \\ud800 Clinic", "city": "Dublin", "country": "IE", "credential_title": "Diploma", "credential_issuer": "Academy"}
                {"id": "U2", "name": "Control Clinic", "city": "Dublin", "country": "IE", "credential_title": "\\u0001\\u0002", "credential_issuer": "Academy"}
                {"id": "U3", "name": "Listed Clinic", "city": "Dublin", "country": "IE", "credentials": [{"title": "Diploma", "issuer": "\\u0007"}]}
                {"id": "U4", "name": "Listed Half Clinic", "city": "Dublin", "country": "IE", "credentials": [{"title": "Diploma \\udc00", "issuer": "Academy"}]}
                {"id": "U5", "name": "Whole \\ud83d\\ude00 Clinic", "city": "Dublin", "country": "IE", "credential_title": "Diploma", "credential_issuer": "Academy"}
                """);

        JsonNode report = report(launcher, file, "--source", "unstorable");

        assertThat(report.at("/run/accepted").asLong()).isEqualTo(1);
        assertRejected(report, 1, "name", "Half \\uD800 Clinic", "unpaired UTF-16 surrogate, U+D800");
        assertRejected(report, 2, "credential_title", "\\u0001\\u0002", "holds only control characters");
        assertRejected(report, 3, "credential_issuer", "\\u0007", "holds only control characters");
        assertRejected(report, 4, "credential_title", "Diploma \\uDC00", "unpaired UTF-16 surrogate, U+DC00");
        assertThat(provider("Whole \uD83D\uDE00 Clinic")).containsEntry("external_id", "U5");
    }

    @Test
    void shouldNotUnpublishWhenARejectedRowCannotBeIdentified(QuarkusMainLauncher launcher) throws IOException {
        run(launcher, file("first.csv", "name,city,country,credential_title,credential_issuer\n"
                + "Anchor Clinic,Cork,IE,Diploma,Academy\nSecond Clinic,Cork,IE,Diploma,Academy\n"), "--source", "anon");
        Path next = file("next.csv", "name,city,country,credential_title,credential_issuer\n"
                + "Anchor Clinic,Cork,IE,Diploma,Academy\n,Cork,IE,Diploma,Academy\n");

        LaunchResult sync = run(launcher, next, "--source", "anon", "--mode", "sync");

        assertThat(sync.exitCode()).isEqualTo(1);
        assertThat(sync.getErrorOutput()).contains("1 rejected row does not say which provider it names");
        assertThat(provider("Second Clinic")).containsEntry("published", true);
    }

    @Test
    void shouldPublishNothingWhenEveryRowIsRejected(QuarkusMainLauncher launcher) throws IOException {
        run(launcher, file("before.csv", HEADER + "\n" + row("V1", "Listed", "Dublin", "IE", "", "acne-scars") + "\n"),
                "--source", "all bad");
        Path file = file("all-bad.csv", HEADER + "\n" + row("V2", "Bad One", "Dublin", "IE", "x", "acne-scars") + "\n");

        LaunchResult result = run(launcher, file, "--source", "all bad", "--mode", "sync");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.getErrorOutput()).contains("every row was rejected; nothing published");
        assertThat(one("SELECT reason FROM import_issue WHERE field = 'phone'").get("reason").toString())
                .contains("is not a valid phone number for IE").contains("such as +353 22 12345");
        assertThat(provider("Listed")).containsEntry("published", true);
    }

    @Test
    void shouldApplyTheSourceDefaultsOfCountryAndCredential(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("trainees.csv", "Name,City,Phone\nAnna Schmidt,Berlin,030 1234567\n");

        LaunchResult refused = run(launcher, file, "--source", "Akademie");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.getErrorOutput()).contains("required columns are missing: country");

        LaunchResult result = run(launcher, file, "--source", "Akademie", "--country", "Germany", "--credential",
                "Zertifikat Microneedling|Akademie für Ästhetik|2023");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        Map<String, Object> anna = provider("Anna Schmidt");
        assertThat(anna).containsEntry("country", "DE").containsEntry("phone", "+49301234567");
        assertThat(anna.get("credentials").toString()).contains("Akademie für Ästhetik").contains("2023");
    }

    @Test
    void shouldAnswerCommandLineMistakesWithUsage(QuarkusMainLauncher launcher) throws IOException {
        Path file = file("any.csv", HEADER + "\n");
        assertThat(launcher.launch("import", file.toString()).exitCode()).isEqualTo(2);
        assertThat(run(launcher, file, "--source", "x", "--credential", "T|I|2020|verified").exitCode()).isEqualTo(2);
        LaunchResult credential = run(launcher, file, "--source", "x", "--credential", "just a title");
        assertThat(credential.exitCode()).isEqualTo(2);
        assertThat(credential.getErrorOutput()).contains("--credential must be \"TITLE|ISSUER|YEAR\"");
        assertThat(run(launcher, file, "--source", "x", "--mode", "replace").exitCode()).isEqualTo(2);
        assertThat(run(launcher, file, "--source", "x", "--country", "Atlantis").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldImportTheSampleDirectoryWithoutARejection(QuarkusMainLauncher launcher) {
        LaunchResult result = run(launcher, Path.of("data", "sample-providers.csv"), "--source", "sample", "--mode",
                "sync");

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        List<Object> countries = query("SELECT DISTINCT country FROM provider WHERE published").stream()
                .map(row -> row.get("country")).toList();
        assertThat(countries).contains("GB", "IE", "AU", "NZ", "ZA", "US", "CA", "DE").hasSizeGreaterThanOrEqualTo(12);
        assertThat(count("SELECT count(*) FROM provider WHERE published")).isGreaterThan(300);
        assertThat(count("SELECT count(*) FROM provider WHERE verified")).isGreaterThan(100);
        assertThat(count("SELECT count(DISTINCT city) FROM provider")).isGreaterThan(80);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
