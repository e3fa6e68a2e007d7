package org.clinicfinder.ingest;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The accepted rows of a run, streamed into a temporary table with COPY inside the run's transaction: no round
 * trip per row, nothing visible to anyone else, and nothing left behind if the job dies.
 */
final class StagingTable implements AutoCloseable {

    static final String CREATE = """
            CREATE TEMP TABLE import_staging (
                line bigint NOT NULL,
                -- false for a rejected row: only its identity, so that a sync keeps what it names
                accepted boolean NOT NULL,
                identity_key text NOT NULL,
                external_id text,
                name text,
                kind text,
                profession text,
                address_lines text[],
                city text,
                region text,
                postal_code text,
                country text,
                latitude double precision,
                longitude double precision,
                phone text,
                email text,
                website text,
                treatments text[],
                languages text[],
                devices text[],
                needle_depth_min_mm numeric(3, 2),
                needle_depth_max_mm numeric(3, 2),
                numbing_offered boolean,
                opening_hours jsonb,
                credentials jsonb
            ) ON COMMIT DROP""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final PGCopyOutputStream copy;
    private final Writer rows;
    private final StringBuilder line = new StringBuilder(512);
    private boolean aborted;

    StagingTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.copy = new PGCopyOutputStream(pg, "COPY import_staging FROM STDIN (FORMAT csv)", 1 << 16);
        this.rows = new java.io.BufferedWriter(new java.io.OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A rejected row that still names a provider. */
    void addRejected(long lineNumber, String identityKey) throws IOException {
        line.setLength(0);
        field(Long.toString(lineNumber));
        field("false");
        field(identityKey);
        line.append(",".repeat(22)).setCharAt(line.length() - 1, '\n');
        rows.append(line);
    }

    void add(NormalisedRow row) throws IOException {
        line.setLength(0);
        field(Long.toString(row.line()));
        field("true");
        field(row.identityKey());
        field(row.externalId());
        field(row.name());
        field(row.kind());
        field(row.profession());
        field(array(row.addressLines()));
        field(row.city());
        field(row.region());
        field(row.postalCode());
        field(row.country());
        field(row.latitude() == null ? null : Double.toString(row.latitude()));
        field(row.longitude() == null ? null : Double.toString(row.longitude()));
        field(row.phone());
        field(row.email());
        field(row.website());
        field(array(row.treatments()));
        field(array(row.languages()));
        field(array(row.devices()));
        field(decimal(row.needleDepthMin()));
        field(decimal(row.needleDepthMax()));
        field(row.numbing() == null ? null : row.numbing().toString());
        field(row.openingHours() == null ? null : json(row.openingHours()));
        field(json(row.credentials()));
        line.setCharAt(line.length() - 1, '\n');
        rows.append(line);
    }

    /** Abandons the COPY, so that the transaction can be rolled back. */
    void abort() throws SQLException {
        if (!aborted && copy.isActive()) {
            copy.cancelCopy();
        }
        aborted = true;
    }

    /** Ends the COPY; the rows are then in the table. */
    @Override
    public void close() throws IOException {
        if (!aborted) {
            rows.close();
        }
    }

    /** Quoted always, so that an empty string and NULL (an unquoted empty field) stay apart. */
    private void field(String value) {
        if (value != null) {
            line.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        }
        line.append(',');
    }

    /** A PostgreSQL array literal: {"a","b"}. */
    static String array(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
