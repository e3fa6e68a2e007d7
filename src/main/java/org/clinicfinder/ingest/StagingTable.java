package org.clinicfinder.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
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
                credentials jsonb,
                -- md5 of the content columns as staged; a provider holding the same digest is unchanged
                content_hash text
            ) ON COMMIT DROP""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final HexFormat HEX = HexFormat.of();

    private final PGCopyOutputStream copy;
    /** The line being written: its first columns, then its content columns. */
    private final StringBuilder head = new StringBuilder(128);
    private final StringBuilder line = new StringBuilder(1024);
    private final MessageDigest md5;
    private boolean aborted;

    StagingTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
        }
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        this.copy = new PGCopyOutputStream(pg, "COPY import_staging FROM STDIN (FORMAT csv)", 1 << 16);
    }

    /** A rejected row that still names a provider. */
    void addRejected(long lineNumber, String identityKey) throws IOException {
        head.setLength(0);
        field(head, Long.toString(lineNumber));
        field(head, "false");
        field(head, identityKey);
        head.append(",".repeat(23)).setCharAt(head.length() - 1, '\n');
        copy.write(head.toString().getBytes(StandardCharsets.UTF_8));
    }

    void add(NormalisedRow row) throws IOException {
        head.setLength(0);
        field(head, Long.toString(row.line()));
        field(head, "true");
        field(head, row.identityKey());
        line.setLength(0);
        field(line, row.externalId());
        field(line, row.name());
        field(line, row.kind());
        field(line, row.profession());
        arrayField(row.addressLines());
        field(line, row.city());
        field(line, row.region());
        field(line, row.postalCode());
        field(line, row.country());
        field(line, row.latitude() == null ? null : Double.toString(row.latitude()));
        field(line, row.longitude() == null ? null : Double.toString(row.longitude()));
        field(line, row.phone());
        field(line, row.email());
        field(line, row.website());
        arrayField(row.treatments());
        arrayField(row.languages());
        arrayField(row.devices());
        field(line, decimal(row.needleDepthMin()));
        field(line, decimal(row.needleDepthMax()));
        field(line, row.numbing() == null ? null : row.numbing().toString());
        field(line, row.openingHours() == null ? null : json(row.openingHours()));
        field(line, json(row.credentials()));
        byte[] content = line.toString().getBytes(StandardCharsets.UTF_8);
        // The digest of the content as staged: equal for equal content, however the file spelled it.
        md5.reset();
        String digest = HEX.formatHex(md5.digest(content));
        copy.write(head.toString().getBytes(StandardCharsets.UTF_8));
        copy.write(content);
        copy.write((digest + "\n").getBytes(StandardCharsets.US_ASCII));
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
            copy.close();
        }
    }

    /** Quoted always, so that an empty string and NULL (an unquoted empty field) stay apart. */
    private static void field(StringBuilder out, String value) {
        if (value != null) {
            out.append('"');
            if (value.indexOf('"') < 0) {
                out.append(value);
            } else {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        out.append('"');
                    }
                    out.append(c);
                }
            }
            out.append('"');
        }
        out.append(',');
    }

    /** A PostgreSQL array literal, {"a","b"}, as a quoted CSV field (its quotes doubled). */
    private void arrayField(List<String> values) {
        line.append("\"{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append("\"\"");
            String value = values.get(i);
            for (int j = 0; j < value.length(); j++) {
                char c = value.charAt(j);
                if (c == '\\') {
                    line.append("\\\\");
                } else if (c == '"') {
                    line.append("\\\"\"");
                } else {
                    line.append(c);
                }
            }
            line.append("\"\"");
        }
        line.append("}\",");
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
