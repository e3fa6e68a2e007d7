package org.clinicfinder.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * A run's report as JSON, read back from import_run and import_issue and streamed out, however many rows
 * were rejected: {"run": {...counts...}, "issues": [{"line", "kind", "field", "value", "reason"}, ...]}.
 */
public final class ImportReport {

    private ImportReport() {
    }

    public static void write(DataSource dataSource, UUID runId, OutputStream out) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection();
                JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeFieldName("run");
            try (PreparedStatement run = connection.prepareStatement("""
                    SELECT id, source, file_name, file_sha256, file_bytes, format, mode, dry_run, status, failure,
                        started_at, finished_at, rows_read, accepted, rejected, merged, inserted, updated, unchanged,
                        unpublished
                    FROM import_run WHERE id = ?""")) {
                run.setObject(1, runId);
                try (ResultSet rs = run.executeQuery()) {
                    rs.next();
                    writeRow(json, rs);
                }
            }
            json.writeArrayFieldStart("issues");
            connection.setAutoCommit(false);
            try (PreparedStatement issues = connection.prepareStatement("""
                    SELECT line, kind, field, value, reason FROM import_issue WHERE run_id = ?
                    ORDER BY line NULLS FIRST, kind""")) {
                issues.setFetchSize(1000);
                issues.setObject(1, runId);
                try (ResultSet rs = issues.executeQuery()) {
                    while (rs.next()) {
                        writeRow(json, rs);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeRow(JsonGenerator json, ResultSet rs) throws SQLException, IOException {
        ResultSetMetaData meta = rs.getMetaData();
        json.writeStartObject();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = camel(meta.getColumnLabel(i));
            Object value = rs.getObject(i);
            if (value == null) {
                json.writeNullField(name);
            } else if (value instanceof Number number) {
                json.writeNumberField(name, number.longValue());
            } else if (value instanceof Boolean bool) {
                json.writeBooleanField(name, bool);
            } else if (value instanceof java.sql.Timestamp timestamp) {
                json.writeStringField(name, timestamp.toInstant().toString());
            } else {
                json.writeStringField(name, value.toString());
            }
        }
        json.writeEndObject();
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
