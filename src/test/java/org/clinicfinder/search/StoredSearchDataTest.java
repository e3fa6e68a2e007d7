package org.clinicfinder.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.admin.AdminProviderService;
import org.clinicfinder.ingest.ImportJob;
import org.clinicfinder.ingest.ImportMode;
import org.clinicfinder.ingest.ImportOutcome;
import org.clinicfinder.ingest.ImportRequest;
import org.clinicfinder.testing.DirectoryTest;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the search keeps beside the providers, by triggers on provider, stays what it would compute from them,
 * whichever way the directory changes: SQL, the admin API, imports; and a change that rolls back leaves it as it
 * was. The stored facet counts (provider_facet_count) answer exactly what counting the matching providers
 * answers; the name word list (provider_name_word) holds each word of each published provider's name.
 */
@QuarkusTest
class StoredSearchDataTest extends DirectoryTest {

    private static final List<String> FACETS = List.of("country", "treatment", "language", "kind");
    private static final String CSV_HEADER = "external_id,name,kind,city,country,treatments,languages,"
            + "credential_title,credential_issuer,credential_year";

    @Inject
    ImportJob imports;

    @Inject
    AdminProviderService admin;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldKeepStoredDataEqualToWhatTheProvidersGiveThroughEveryChange() throws Exception {
        UUID dublin = providers.provider("Dublin Skin").treatments("acne-scars", "wrinkles").languages("en", "ga")
                .in("Dublin", "Leinster", "IE", 53.3498, -6.2603).verified().insert();
        UUID berlin = providers.provider("Berlin Haut").kind("practitioner").treatments("stretch-marks")
                .languages("de", "en").in("Berlin", "Berlin", "DE", 52.52, 13.405).insert();
        UUID london = providers.provider("London Needling").treatments("acne-scars").languages("en").insert();
        providers.provider("Leeds Studio").treatments("hair-loss").languages().unpublished()
                .in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.execute("""
                INSERT INTO provider (name, kind, city, country, treatments, languages, credentials, source,
                    source_key, published)
                SELECT 'Bulk ' || n, CASE WHEN n % 3 = 0 THEN 'practitioner' ELSE 'clinic' END, 'Town ' || n % 7,
                    (ARRAY['GB', 'IE', 'DE', 'FR'])[n % 4 + 1],
                    (ARRAY['{acne-scars,wrinkles}', '{}', '{pigmentation}', '{wrinkles,hair-loss}'])[n % 4 + 1]::text[],
                    (ARRAY['{en}', '{fr,en}', '{}', '{de}'])[n % 4 + 1]::text[],
                    jsonb_build_array(jsonb_build_object('title', 'Diploma', 'issuer', 'Academy',
                        'status', CASE WHEN n % 5 = 0 THEN 'verified' ELSE 'unverified' END)),
                    'bulk', 'id:B' || n, n % 6 <> 0
                FROM generate_series(1, 300) AS n""");
        assertStoredDataIsLive("after inserts");

        providers.execute("UPDATE provider SET treatments = '{skin-rejuvenation,acne-scars}' WHERE name LIKE 'Bulk 1%'");
        assertStoredDataIsLive("after treatments changed");
        providers.execute("UPDATE provider SET languages = array_append(languages, 'it') WHERE name LIKE 'Bulk 2%'");
        assertStoredDataIsLive("after languages changed");
        providers.execute("UPDATE provider SET kind = 'practitioner' WHERE name LIKE 'Bulk 3%'");
        assertStoredDataIsLive("after kinds changed");
        providers.execute("UPDATE provider SET country = 'NL' WHERE name LIKE 'Bulk 4%'");
        assertStoredDataIsLive("after countries changed");
        providers.execute("""
                UPDATE provider SET credentials = credentials || '[{"title": "Course", "issuer": "School",
                    "status": "verified"}]' WHERE name LIKE 'Bulk 5%'""");
        assertStoredDataIsLive("after credentials verified");
        providers.execute("UPDATE provider SET published = NOT published WHERE name LIKE 'Bulk 6%'");
        assertStoredDataIsLive("after publication flipped");
        providers.execute("UPDATE provider SET name = 'Renamed ' || name WHERE name LIKE 'Bulk 9%'");
        assertStoredDataIsLive("after names changed");
        providers.execute("UPDATE provider SET name = 'Bulk Renamed Again', published = NOT published"
                + " WHERE name LIKE 'Renamed Bulk 99%'");
        assertStoredDataIsLive("after names changed with the publication");
        providers.execute("UPDATE provider SET phone = NULL, updated_at = now()");
        assertStoredDataIsLive("after an update of every provider that changes no facet");
        providers.execute("DELETE FROM provider WHERE name LIKE 'Bulk 7%' OR name LIKE 'Bulk 8%'");
        assertStoredDataIsLive("after deletes");

        admin.patch(london, etag(london), json.readTree("""
                {"name": "Manchester Needling Studio", "kind": "practitioner", "treatments": ["wrinkles", "pigmentation"],
                 "languages": ["en", "pl"],
                 "address": {"city": "Manchester", "country": "GB"}}"""), "facet-test");
        assertStoredDataIsLive("after an admin patch");
        admin.patch(berlin, etag(berlin), json.readTree("""
                {"address": {"city": "Wien", "country": "AT"}}"""), "facet-test");
        assertStoredDataIsLive("after an admin move to another country");
        admin.unpublish(dublin, etag(dublin), "facet-test");
        assertStoredDataIsLive("after an admin unpublish");
        admin.publish(dublin, etag(dublin), "facet-test");
        assertStoredDataIsLive("after an admin publish");
        admin.delete(berlin, etag(berlin), "facet-test");
        assertStoredDataIsLive("after an admin delete");

        Path list = csv("list.csv", row("L1", "Cork Clinic", "clinic", "Cork", "IE", "acne-scars;wrinkles", "en"),
                row("L2", "Paris Peau", "practitioner", "Paris", "FR", "pigmentation", "fr;en"),
                row("L3", "Zurich Derm", "clinic", "Zurich", "CH", "hair-loss", "de;fr;it"));
        assertThat(importFile(list, ImportMode.UPSERT, false).counts().inserted()).isEqualTo(3);
        assertStoredDataIsLive("after an import");
        Path changed = csv("changed.csv", row("L1", "Cork Clinic", "practitioner", "Cork", "IE", "acne-scars", "en;ga"),
                row("L2", "Paris Peau", "practitioner", "Paris", "FR", "pigmentation", "fr;en"));
        ImportOutcome sync = importFile(changed, ImportMode.SYNC, false);
        assertThat(sync.counts().updated()).isEqualTo(1);
        assertThat(sync.counts().unpublished()).isEqualTo(1);
        assertStoredDataIsLive("after a sync import that changes one and unpublishes one");
        assertThat(importFile(list, ImportMode.SYNC, false).counts().updated()).isEqualTo(2);
        assertStoredDataIsLive("after a sync import that publishes one again");

        Path renamed = csv("renamed.csv", row("L1", "Cork Needling Rooms", "practitioner", "Cork", "IE", "acne-scars",
                "en;ga"));
        assertThat(importFile(renamed, ImportMode.UPSERT, false).counts().updated()).isEqualTo(1);
        assertStoredDataIsLive("after an import that renames one");

        providers.deleteAll();
        assertThat(TestDatabase.count("SELECT count(*) FROM provider_facet_count")).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM provider_name_word")).isZero();
    }

    @Test
    void shouldLeaveStoredDataAsItWasWhenAChangeRollsBack() throws Exception {
        UUID dublin = providers.provider("Dublin Skin").treatments("acne-scars").languages("en", "ga")
                .in("Dublin", "Leinster", "IE", 53.3498, -6.2603).insert();
        providers.provider("London Needling").kind("practitioner").treatments("wrinkles").insert();
        List<List<Object>> before = storedData();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("UPDATE provider SET country = 'FR', kind = 'practitioner', treatments = '{hair-loss}',"
                    + " name = name || ' Moved'");
            statement.execute("DELETE FROM provider WHERE name = 'London Needling'");
            statement.execute("""
                    INSERT INTO provider (name, kind, city, country, treatments, languages, credentials, source,
                        source_key, published)
                    VALUES ('Rolled Back', 'clinic', 'Lyon', 'FR', '{wrinkles}', '{fr}',
                        '[{"title": "Diploma", "issuer": "Academy", "status": "verified"}]', 'test', 'id:R', true)""");
            assertThat(storedData(connection)).as("inside the transaction").isNotEqualTo(before);
            connection.rollback();
        }
        assertThat(storedData()).as("after a rollback").isEqualTo(before);

        Path list = csv("dry.csv", row("D1", "Dry Clinic", "clinic", "Cork", "IE", "acne-scars", "en"));
        assertThat(importFile(list, ImportMode.SYNC, true).counts().inserted()).isEqualTo(1);
        assertThat(storedData()).as("after a dry run, which publishes and rolls back").isEqualTo(before);

        QuarkusTransaction.begin();
        admin.patch(dublin, etag(dublin), json.readTree(
                "{\"name\": \"Dublin Needling\", \"kind\": \"practitioner\", \"treatments\": [\"hair-loss\"]}"),
                "facet-test");
        // The transaction's own connection sees its change.
        assertThat(storedData()).as("inside the admin change").isNotEqualTo(before);
        QuarkusTransaction.rollback();
        assertThat(storedData()).as("after an admin change rolled back").isEqualTo(before);
        assertStoredDataIsLive("after the rollbacks");
    }

    /**
     * Every filter the stored counts serve, over every country in the directory, against the live count; and the
     * name word list against the published providers' names.
     */
    private void assertStoredDataIsLive(String when) throws SQLException {
        assertThat(TestDatabase.query("""
                SELECT word, name_key, provider_id::text, name_words::text FROM provider_name_word
                ORDER BY 1, 2, 3""")).as("name words %s", when).isEqualTo(TestDatabase.query("""
                SELECT word, name_key, id::text AS provider_id, name_words::text
                FROM provider, unnest(tsvector_to_array(name_words)) AS word WHERE published ORDER BY 1, 2, 3"""))
                .isNotEmpty();
        List<List<String>> countryFilters = new ArrayList<>();
        countryFilters.add(List.of());
        countryFilters.add(List.of("GB", "IE", "FR"));
        countryFilters.add(List.of("XX"));
        TestDatabase.query("SELECT DISTINCT country FROM provider").forEach(
                row -> countryFilters.add(List.of((String) row.get("country"))));
        for (List<String> countries : countryFilters) {
            for (String kind : Arrays.asList(null, "clinic", "practitioner")) {
                for (Boolean verified : Arrays.asList(null, true, false)) {
                    SearchCriteria criteria = ProviderSearchPlanTest.criteria(countries, null, null, List.of(), null,
                            null, verified, null, kind, SearchSort.NAME);
                    assertThat(ProviderSearchQueries.countsStored(criteria)).isTrue();
                    assertThat(rows(ProviderSearchQueries.storedFacetStatement(criteria, FACETS)))
                            .as("facets %s for countries %s, kind %s, verified %s", when, countries, kind, verified)
                            .isEqualTo(rows(ProviderSearchQueries.liveFacetStatement(criteria, FACETS)));
                }
            }
        }
    }

    private List<List<Object>> rows(ProviderSearchQueries.Statement statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = ProviderSearchQueries.prepare(connection, statement);
                ResultSet rs = prepared.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
            return rows;
        }
    }

    private List<List<Object>> storedData() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return storedData(connection);
        }
    }

    /** The stored counts, then the name word list. */
    private static List<List<Object>> storedData(Connection connection) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT country, kind, verified, facet, value, providers FROM provider_facet_count
                        WHERE providers <> 0 ORDER BY 1, 2, 3, 4, 5""")) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6)));
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT word, name_key, provider_id FROM provider_name_word ORDER BY 1, 2, 3""")) {
            while (rs.next()) {
                rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rows;
    }

    private static String etag(UUID id) {
        return AdminProviderService.etag(((Number) TestDatabase.one("SELECT version FROM provider WHERE id = '" + id
                + "'").get("version")).intValue());
    }

    private static String row(String id, String name, String kind, String city, String country, String treatments,
            String languages) {
        return String.join(",", id, name, kind, city, country, treatments, languages, "Certificate in Skin Needling",
                "Collagen Induction Therapy Academy", "2022");
    }

    private Path csv(String name, String... rows) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, CSV_HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private ImportOutcome importFile(Path file, ImportMode mode, boolean dryRun) {
        return imports.run(new ImportRequest(file, file.getFileName().toString(), "facet-test", null, null, null, null,
                mode, dryRun, null, null, null), (rowsRead, rejected, bytesRead, bytesTotal) -> {
                });
    }
}
