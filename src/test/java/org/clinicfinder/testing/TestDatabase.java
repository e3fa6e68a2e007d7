package org.clinicfinder.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC to the test database, for tests that run the application as a command or a process and cannot
 * inject its beans. Same settings as the application: QUARKUS_DATASOURCE_* or the test defaults.
 */
public final class TestDatabase {

    public static final String URL = env("QUARKUS_DATASOURCE_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/clinic_finder_test");
    public static final String USER = env("QUARKUS_DATASOURCE_USERNAME", "clinic_finder");
    public static final String PASSWORD = env("QUARKUS_DATASOURCE_PASSWORD", "clinic_finder");

    private TestDatabase() {
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Points a process the test starts (the packaged service or one of its jobs) at the test database. */
    public static ProcessBuilder configure(ProcessBuilder builder) {
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", URL);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", USER);
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", PASSWORD);
        return builder;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** Empties the directory and the import history, where the schema exists yet. */
    public static void clean() {
        execute("""
                DO $$ BEGIN
                    IF to_regclass('public.provider') IS NOT NULL THEN TRUNCATE provider; END IF;
                    IF to_regclass('public.import_run') IS NOT NULL THEN TRUNCATE import_run CASCADE; END IF;
                END $$""");
    }

    /** Every provider's every column, as one digest: equal digests, an unchanged directory. */
    public static String directoryDigest() {
        return one("SELECT count(*) || ' ' || coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') AS digest"
                + " FROM provider p").get("digest").toString();
    }

    public static void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Map<String, Object>> query(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof java.sql.Array array) {
                        value = List.of((Object[]) array.getArray());
                    } else if (value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")) {
                        value = value.toString();
                    }
                    row.put(meta.getColumnLabel(i), value);
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> one(String sql) {
        List<Map<String, Object>> rows = query(sql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    public static long count(String sql) {
        return ((Number) one(sql).values().iterator().next()).longValue();
    }
}
