package org.clinicfinder.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Publishes a run's staged rows, inside the run's one transaction: merges rows of the file that name the same
 * provider, inserts new providers, updates changed ones, leaves unchanged ones alone (their digests match), and in sync mode
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

    /** Told of each merged row, in the order of the file. */
    interface MergeListener {
        void merged(Merge merge) throws SQLException;
    }

    private final Connection connection;

    Publisher(Connection connection) {
        this.connection = connection;
    }

    /**
     * Folds duplicates into one row per provider, in place in import_staging: later rows fill in and override
     * earlier values, lists are united, credentials collected. Tells each row that was merged; answers how many.
     */
    long mergeDuplicates(MergeListener merges) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Temporary tables have no statistics until analysed; the joins below and publishing need the
            // number of distinct providers, not the statistics of every content column (which take long).
            statement.execute("ANALYZE import_staging (accepted, identity_key)");
            int duplicated = statement.executeUpdate("""
                    CREATE TEMP TABLE import_duplicate ON COMMIT DROP AS
                    SELECT identity_key FROM import_staging WHERE accepted GROUP BY identity_key HAVING count(*) > 1""");
            if (duplicated == 0) {
                return 0;
            }
            statement.execute("""
                    CREATE TEMP TABLE import_duplicate_row ON COMMIT DROP AS
                    SELECT s.* FROM import_staging s JOIN import_duplicate d USING (identity_key) WHERE s.accepted""");
            statement.execute("CREATE INDEX ON import_duplicate_row (identity_key, line)");
            statement.execute("ANALYZE import_duplicate");
            statement.execute("ANALYZE import_duplicate_row");
            statement.execute("""
                    DELETE FROM import_staging s USING import_duplicate d
                    WHERE s.accepted AND s.identity_key = d.identity_key""");
            StringBuilder merge = new StringBuilder("INSERT INTO import_staging (line, accepted, identity_key");
            CONTENT.forEach(column -> merge.append(", ").append(column));
            merge.append(", content_hash) SELECT m.*, md5(ROW(").append(prefixed("m.", false))
                    .append(")::text) FROM (SELECT min(s.line), true, s.identity_key");
            for (String column : CONTENT) {
                if (UNITED.contains(column)) {
                    merge.append(", ARRAY(SELECT v FROM import_duplicate_row u, unnest(u.").append(column)
                            .append(") WITH ORDINALITY AS x(v, n) WHERE u.identity_key = s.identity_key")
                            .append(" GROUP BY v ORDER BY min(u.line), min(n)) AS ").append(column);
                } else if (column.equals("address_lines")) {
                    merge.append(", coalesce((SELECT u.address_lines FROM import_duplicate_row u")
                            .append(" WHERE u.identity_key = s.identity_key AND cardinality(u.address_lines) > 0")
                            .append(" ORDER BY u.line DESC LIMIT 1), '{}') AS address_lines");
                } else if (column.equals("credentials")) {
                    merge.append(", (SELECT jsonb_agg(DISTINCT c) FROM import_duplicate_row u, jsonb_array_elements(")
                            .append("u.credentials) c WHERE u.identity_key = s.identity_key) AS credentials");
                } else {
                    merge.append(", (array_agg(s.").append(column).append(" ORDER BY s.line DESC) FILTER (WHERE s.")
                            .append(column).append(" IS NOT NULL))[1] AS ").append(column);
                }
            }
            merge.append(" FROM import_duplicate_row s GROUP BY s.identity_key) m");
            statement.execute(merge.toString());
        }
        try (Statement statement = connection.createStatement()) {
            // Read in pieces: a list may merge any number of rows.
            statement.setFetchSize(1000);
            long merged = 0;
            try (ResultSet rs = statement.executeQuery("""
                    SELECT line, first_line, identity_key FROM (
                        SELECT s.line, s.identity_key, min(s.line) OVER (PARTITION BY s.identity_key) AS first_line
                        FROM import_duplicate_row s) m
                    WHERE line <> first_line ORDER BY line""")) {
                while (rs.next()) {
                    merges.merged(new Merge(rs.getLong(1), rs.getLong(2), rs.getString(3)));
                    merged++;
                }
            }
            return merged;
        }
    }

    /**
     * Inserts new and updates changed providers of the source, given the number of staged providers; answers
     * {inserted, updated, unchanged}. An unchanged provider costs a digest comparison and is not written.
     */
    long[] upsert(String source, long providers) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtextextended('clinic-finder import ' || ?, 0))")) {
            // Two imports of one source publish one after the other.
            lock.setString(1, source);
            lock.execute();
        }
        long added;
        long differing;
        // One pass over the staged providers tells what there is to do; an unchanged list stops here.
        try (PreparedStatement count = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE p.id IS NULL),
                       count(*) FILTER (WHERE p.content_hash IS DISTINCT FROM s.content_hash OR NOT p.published)
                FROM import_staging s LEFT JOIN provider p ON p.source = ? AND p.source_key = s.identity_key
                WHERE s.accepted""")) {
            count.setString(1, source);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                added = rs.getLong(1);
                differing = rs.getLong(2) - added;
            }
        }
        long updated = 0;
        if (differing > 0) {
            // A digest that differs while the content is the same (written by another version, or by a merge
            // of duplicates the last time): the provider is unchanged, and only its digest is brought up to date.
            executeUpdate("""
                    UPDATE provider p SET content_hash = s.content_hash
                    FROM import_staging s
                    WHERE s.accepted AND p.source = ? AND p.source_key = s.identity_key AND p.published
                      AND p.content_hash IS DISTINCT FROM s.content_hash
                      AND (%s) IS NOT DISTINCT FROM (%s)""".formatted(prefixed("p.", false), prefixed("s.", true)),
                    source);
            StringBuilder update = new StringBuilder("""
                    UPDATE provider p SET content_hash = s.content_hash, published = true, unpublished_at = NULL,
                        updated_at = now(), version = p.version + 1""");
            for (String column : CONTENT) {
                update.append(", ").append(column).append(" = ").append(stored("s.", column));
            }
            update.append("""

                    FROM import_staging s
                    WHERE s.accepted AND p.source = ? AND p.source_key = s.identity_key
                      AND (p.content_hash IS DISTINCT FROM s.content_hash OR NOT p.published)""");
            updated = executeUpdate(update.toString(), source);
        }
        long inserted = 0;
        if (added > 0) {
            inserted = executeUpdate("""
                    INSERT INTO provider (source, source_key, content_hash, published, %s)
                    SELECT ?, s.identity_key, s.content_hash, true, %s
                    FROM import_staging s
                    WHERE s.accepted
                      AND NOT EXISTS (SELECT 1 FROM provider p WHERE p.source = ? AND p.source_key = s.identity_key)"""
                    .formatted(String.join(", ", CONTENT), prefixed("s.", true)), source, source);
        }
        return new long[] {inserted, updated, providers - inserted - updated};
    }

    private long executeUpdate(String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeLargeUpdate();
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

    private static String prefixed(String prefix, boolean asStored) {
        StringBuilder out = new StringBuilder();
        for (String column : CONTENT) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(asStored ? stored(prefix, column) : prefix + column);
        }
        return out.toString();
    }

    /** A staged column's value as the provider stores it. */
    private static String stored(String prefix, String column) {
        // A provider whose list does not say what it is is listed as a clinic.
        return column.equals("kind") ? "coalesce(" + prefix + column + ", 'clinic')" : prefix + column;
    }
}
