package org.clinicfinder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Publishes a run's staged rows, inside the run's one transaction: merges rows of the file that name the same
 * provider, inserts new providers, updates changed ones, leaves unchanged ones alone, and in sync mode
 * unpublishes the source's providers that the file no longer lists.
 */
final class Publisher {

    /** Columns copied from a staged row to the provider. */
    static final List<String> CONTENT = List.of("external_id", "name", "kind", "profession", "address_lines", "city",
            "region", "postal_code", "country", "latitude", "longitude", "phone", "email", "website", "treatments",
            "languages", "devices", "needle_depth_min_mm", "needle_depth_max_mm", "numbing_offered",
            "opening_hours", "credentials");
    private static final List<String> UNITED = List.of("treatments", "languages", "devices");

    /** A row that named the same provider as an earlier one and was merged into it. */
    record Merge(long line, long intoLine, String identityKey) {
    }

    private final Connection connection;

    Publisher(Connection connection) {
        this.connection = connection;
    }

    /**
     * Folds duplicates into one row per provider (import_merged): later rows fill in and override earlier
     * values, lists are united, credentials collected. Answers the rows that were merged.
     */
    List<Merge> mergeDuplicates() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Temporary tables have no statistics until analysed; the planner needs them at this size.
            statement.execute("ANALYZE import_staging");
            statement.execute("""
                    CREATE TEMP TABLE import_duplicate ON COMMIT DROP AS
                    SELECT identity_key FROM import_staging WHERE accepted GROUP BY identity_key HAVING count(*) > 1""");
            statement.execute("""
                    CREATE TEMP TABLE import_duplicate_row ON COMMIT DROP AS
                    SELECT s.* FROM import_staging s JOIN import_duplicate d USING (identity_key) WHERE s.accepted""");
            statement.execute("CREATE INDEX ON import_duplicate_row (identity_key, line)");
            statement.execute("ANALYZE import_duplicate");
            statement.execute("ANALYZE import_duplicate_row");
            statement.execute("CREATE TEMP TABLE import_merged (LIKE import_staging) ON COMMIT DROP");
            statement.execute("""
                    INSERT INTO import_merged SELECT s.* FROM import_staging s
                    WHERE s.accepted AND NOT EXISTS (SELECT 1 FROM import_duplicate d WHERE d.identity_key = s.identity_key)""");
            StringBuilder merge = new StringBuilder("INSERT INTO import_merged (line, accepted, identity_key");
            CONTENT.forEach(column -> merge.append(", ").append(column));
            merge.append(") SELECT min(s.line), true, s.identity_key");
            for (String column : CONTENT) {
                if (UNITED.contains(column)) {
                    merge.append(", ARRAY(SELECT v FROM import_duplicate_row u, unnest(u.").append(column)
                            .append(") WITH ORDINALITY AS x(v, n) WHERE u.identity_key = s.identity_key")
                            .append(" GROUP BY v ORDER BY min(u.line), min(n))");
                } else if (column.equals("address_lines")) {
                    merge.append(", coalesce((SELECT u.address_lines FROM import_duplicate_row u")
                            .append(" WHERE u.identity_key = s.identity_key AND cardinality(u.address_lines) > 0")
                            .append(" ORDER BY u.line DESC LIMIT 1), '{}')");
                } else if (column.equals("credentials")) {
                    merge.append(", (SELECT jsonb_agg(DISTINCT c) FROM import_duplicate_row u, jsonb_array_elements(")
                            .append("u.credentials) c WHERE u.identity_key = s.identity_key)");
                } else {
                    merge.append(", (array_agg(s.").append(column).append(" ORDER BY s.line DESC) FILTER (WHERE s.")
                            .append(column).append(" IS NOT NULL))[1]");
                }
            }
            merge.append(" FROM import_duplicate_row s GROUP BY s.identity_key");
            statement.execute(merge.toString());
        }
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT line, first_line, identity_key FROM (
                            SELECT s.line, s.identity_key, min(s.line) OVER (PARTITION BY s.identity_key) AS first_line
                            FROM import_duplicate_row s) m
                        WHERE line <> first_line ORDER BY line""")) {
            List<Merge> merges = new java.util.ArrayList<>();
            while (rs.next()) {
                merges.add(new Merge(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
            return merges;
        }
    }

    /** Inserts new and updates changed providers of the source; answers {inserted, updated, unchanged}. */
    long[] upsert(String source) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('clinic-finder import ' || ?, 0))")) {
            // Two imports of one source publish one after the other.
            lock.setString(1, source);
            lock.execute();
        }
        String columns = String.join(", ", CONTENT);
        StringBuilder sql = new StringBuilder("""
                WITH upserted AS (
                    INSERT INTO provider AS p (source, source_key, content_hash, published, unpublished_at, """)
                .append(columns).append(")\n SELECT ?, m.identity_key, md5(ROW(")
                .append(prefixed("m.")).append(")::text), true, NULL, ").append(prefixed("m."))
                .append("\n FROM import_merged m")
                .append("\n ON CONFLICT (source, source_key) DO UPDATE SET content_hash = EXCLUDED.content_hash,")
                .append(" published = true, unpublished_at = NULL, updated_at = now(), version = p.version + 1");
        for (String column : CONTENT) {
            sql.append(", ").append(column).append(" = EXCLUDED.").append(column);
        }
        sql.append("\n WHERE p.content_hash IS DISTINCT FROM EXCLUDED.content_hash OR NOT p.published")
                .append("\n RETURNING (xmax = 0) AS inserted)")
                .append("\nSELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),")
                .append(" (SELECT count(*) FROM import_merged) FROM upserted");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, source);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long inserted = rs.getLong(1);
                long updated = rs.getLong(2);
                return new long[] {inserted, updated, rs.getLong(3) - inserted - updated};
            }
        }
    }

    /**
     * Unpublishes the source's published providers that the file does not name (rejected rows included: a
     * provider whose row was bad this time keeps its entry). They stay, with the time they were withdrawn.
     */
    long unpublishUnlisted(String source) throws SQLException {
        try (Statement index = connection.createStatement()) {
            index.execute("CREATE INDEX ON import_staging (identity_key)");
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE provider p SET published = false, unpublished_at = now(), updated_at = now(),
                    version = p.version + 1
                WHERE p.source = ? AND p.published
                  AND NOT EXISTS (SELECT 1 FROM import_staging s WHERE s.identity_key = p.source_key)""")) {
            statement.setString(1, source);
            return statement.executeUpdate();
        }
    }

    private static String prefixed(String prefix) {
        StringBuilder out = new StringBuilder();
        for (String column : CONTENT) {
            if (out.length() > 0) {
                out.append(", ");
            }
            // A provider whose list does not say what it is is listed as a clinic.
            out.append(column.equals("kind") ? "coalesce(" + prefix + column + ", 'clinic')" : prefix + column);
        }
        return out.toString();
    }
}
