package org.clinicfinder.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import io.agroal.api.AgroalDataSource;
import org.clinicfinder.common.AuditLog;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;

/**
 * The directory, exported row by row from a database cursor straight into the response: memory stays flat
 * whatever the size of the directory.
 */
@ApplicationScoped
public class ProviderExport {

    public enum Format {
        CSV("text/csv; charset=utf-8", "csv"),
        NDJSON("application/x-ndjson", "ndjson"),
        GEOJSON("application/geo+json", "geojson");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String fileName() {
            return "clinic-finder-providers." + extension;
        }

        public static Format of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    static final List<String> COLUMNS = List.of("id", "name", "kind", "profession", "address_lines", "city", "region",
            "postal_code", "country", "latitude", "longitude", "phone", "email", "website", "treatments", "languages",
            "devices", "needle_depth_min_mm", "needle_depth_max_mm", "numbing_offered", "credentials", "opening_hours",
            "verified", "published", "source", "external_id", "updated_at");

    private static final String QUERY = "SELECT id, name, kind, profession, address_lines, city, region, postal_code, "
            + "country, latitude, longitude, phone, email, website, treatments, languages, devices, needle_depth_min_mm, "
            + "needle_depth_max_mm, numbing_offered, credentials::text, opening_hours::text, verified, published, "
            + "source, external_id, updated_at FROM provider WHERE (?::boolean IS NULL OR published = ?) ORDER BY id";

    /** Rows fetched from the cursor at a time: the only rows ever held in memory. */
    private static final int FETCH_SIZE = 500;

    /** What a spreadsheet would start a formula with (OWASP, CSV injection). */
    private static final Pattern FORMULA_START = Pattern.compile("^[\\s\u00A0]*[=+\\-@\t\r]");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    AdminConfig config;

    @Inject
    AuditLog audit;

    private final AtomicInteger running = new AtomicInteger();

    /** A place among the exports that may run at once; released when its export ends, however it ends. */
    public final class Slot implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        }
    }

    /** Records in the audit trail that this actor took a copy of the directory, before any row is sent. */
    @Transactional
    public void record(String actor, Format format, Boolean published) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("format", format.name().toLowerCase(Locale.ROOT));
        export.put("published", published);
        audit.record(actor, "export.start", "export", UUID.randomUUID().toString(), null, export);
    }

    /** @throws ProblemException 429 while as many exports run as may at once: each holds a connection. */
    public Slot reserve() {
        int limit = config.export().concurrent();
        if (running.incrementAndGet() > limit) {
            running.decrementAndGet();
            throw new ProblemException(ProblemType.RATE_LIMITED, limit + (limit == 1 ? " export is" : " exports are")
                    + " running, as many as run at once; retry when one has finished.").withHeader("Retry-After", "30");
        }
        return new Slot();
    }

    public StreamingOutput stream(Format format, Boolean published, Slot slot) {
        return output -> {
            try (slot; Connection connection = dataSource.getConnection()) {
                // A cursor: PostgreSQL hands out FETCH_SIZE rows at a time only inside a transaction. A client
                // that stops reading leaves it idle; PostgreSQL ends it after a while and the connection returns.
                connection.setAutoCommit(false);
                try (Statement timeout = connection.createStatement()) {
                    timeout.execute("SET LOCAL statement_timeout = '10min'");
                    timeout.execute("SET LOCAL idle_in_transaction_session_timeout = '"
                            + config.export().idleTimeout().toSeconds() + "s'");
                }
                try (PreparedStatement query = connection.prepareStatement(QUERY)) {
                    query.setFetchSize(FETCH_SIZE);
                    query.setObject(1, published, java.sql.Types.BOOLEAN);
                    query.setObject(2, published, java.sql.Types.BOOLEAN);
                    try (ResultSet rows = query.executeQuery()) {
                        switch (format) {
                            case CSV -> csv(rows, output);
                            case NDJSON -> ndjson(rows, output);
                            case GEOJSON -> geojson(rows, output);
                        }
                    }
                } finally {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new ExportFailedException(e);
            }
        };
    }

    /** The export broke off (the database failed); the client sees a truncated body, never a wrong one. */
    static class ExportFailedException extends UncheckedIOException {
        ExportFailedException(SQLException cause) {
            super(new IOException("The export could not be read from the database", cause));
        }
    }

    private static void csv(ResultSet rows, OutputStream output) throws SQLException, IOException {
        Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        // Every cell quoted (OWASP): a separator a spreadsheet guesses differently cannot start a new cell.
        try (CsvWriter csv = CsvWriter.builder().quoteStrategy(QuoteStrategies.ALWAYS).build(writer)) {
            csv.writeRecord(COLUMNS);
            String[] cells = new String[COLUMNS.size()];
            while (rows.next()) {
                cells[0] = rows.getString(1);
                cells[1] = text(rows.getString(2));
                cells[2] = text(rows.getString(3));
                cells[3] = text(rows.getString(4));
                cells[4] = text(String.join(" | ", strings(rows.getArray(5))));
                cells[5] = text(rows.getString(6));
                cells[6] = text(rows.getString(7));
                cells[7] = text(rows.getString(8));
                cells[8] = text(rows.getString(9));
                cells[9] = number(rows, 10);
                cells[10] = number(rows, 11);
                cells[11] = text(rows.getString(12));
                cells[12] = text(rows.getString(13));
                cells[13] = text(rows.getString(14));
                cells[14] = text(String.join(";", strings(rows.getArray(15))));
                cells[15] = text(String.join(";", strings(rows.getArray(16))));
                cells[16] = text(String.join(";", strings(rows.getArray(17))));
                cells[17] = number(rows, 18);
                cells[18] = number(rows, 19);
                cells[19] = rows.getObject(20) == null ? "" : String.valueOf(rows.getBoolean(20));
                cells[20] = text(rows.getString(21));
                cells[21] = text(rows.getString(22));
                cells[22] = String.valueOf(rows.getBoolean(23));
                cells[23] = String.valueOf(rows.getBoolean(24));
                cells[24] = text(rows.getString(25));
                cells[25] = text(rows.getString(26));
                cells[26] = timestamp(rows.getObject(27, OffsetDateTime.class));
                csv.writeRecord(cells);
            }
        }
    }

    /**
     * A text cell as a spreadsheet may safely open it: one that would start a formula is prefixed with an
     * apostrophe, which spreadsheets take as "this is text".
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        return FORMULA_START.matcher(value).find() ? "'" + value : value;
    }

    private static String number(ResultSet rows, int column) throws SQLException {
        Object value = rows.getObject(column);
        return value == null ? "" : value.toString();
    }

    private static String timestamp(OffsetDateTime value) {
        return value == null ? "" : value.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }

    private void ndjson(ResultSet rows, OutputStream output) throws SQLException, IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(output, JsonEncoding.UTF8)) {
            generator.setRootValueSeparator(null);
            while (rows.next()) {
                writeProvider(generator, rows);
                generator.writeRaw('\n');
            }
        }
    }

    private void geojson(ResultSet rows, OutputStream output) throws SQLException, IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(output, JsonEncoding.UTF8)) {
            generator.writeStartObject();
            generator.writeStringField("type", "FeatureCollection");
            generator.writeArrayFieldStart("features");
            while (rows.next()) {
                generator.writeStartObject();
                generator.writeStringField("type", "Feature");
                generator.writeStringField("id", rows.getString(1));
                Object latitude = rows.getObject(10);
                Object longitude = rows.getObject(11);
                if (latitude == null || longitude == null) {
                    generator.writeNullField("geometry");
                } else {
                    generator.writeObjectFieldStart("geometry");
                    generator.writeStringField("type", "Point");
                    generator.writeArrayFieldStart("coordinates");
                    generator.writeNumber(rows.getDouble(11));
                    generator.writeNumber(rows.getDouble(10));
                    generator.writeEndArray();
                    generator.writeEndObject();
                }
                generator.writeFieldName("properties");
                writeProvider(generator, rows);
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** One provider as a JSON object, its JSON columns passed through as PostgreSQL wrote them. */
    private static void writeProvider(JsonGenerator generator, ResultSet rows) throws SQLException, IOException {
        generator.writeStartObject();
        generator.writeStringField("id", rows.getString(1));
        generator.writeStringField("name", rows.getString(2));
        generator.writeStringField("kind", rows.getString(3));
        optional(generator, "profession", rows.getString(4));
        list(generator, "addressLines", rows.getArray(5));
        generator.writeStringField("city", rows.getString(6));
        optional(generator, "region", rows.getString(7));
        optional(generator, "postalCode", rows.getString(8));
        generator.writeStringField("country", rows.getString(9));
        if (rows.getObject(10) != null) {
            generator.writeNumberField("latitude", rows.getDouble(10));
            generator.writeNumberField("longitude", rows.getDouble(11));
        }
        optional(generator, "phone", rows.getString(12));
        optional(generator, "email", rows.getString(13));
        optional(generator, "website", rows.getString(14));
        list(generator, "treatments", rows.getArray(15));
        list(generator, "languages", rows.getArray(16));
        list(generator, "devices", rows.getArray(17));
        if (rows.getBigDecimal(18) != null) {
            generator.writeNumberField("needleDepthMinMm", rows.getBigDecimal(18));
            generator.writeNumberField("needleDepthMaxMm", rows.getBigDecimal(19));
        }
        if (rows.getObject(20) != null) {
            generator.writeBooleanField("numbingOffered", rows.getBoolean(20));
        }
        generator.writeFieldName("credentials");
        generator.writeRawValue(rows.getString(21));
        if (rows.getString(22) != null) {
            generator.writeFieldName("openingHours");
            generator.writeRawValue(rows.getString(22));
        }
        generator.writeBooleanField("verified", rows.getBoolean(23));
        generator.writeBooleanField("published", rows.getBoolean(24));
        generator.writeStringField("source", rows.getString(25));
        optional(generator, "externalId", rows.getString(26));
        generator.writeStringField("updatedAt", timestamp(rows.getObject(27, OffsetDateTime.class)));
        generator.writeEndObject();
    }

    private static void optional(JsonGenerator generator, String field, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(field, value);
        }
    }

    private static void list(JsonGenerator generator, String field, Array array) throws SQLException, IOException {
        generator.writeArrayFieldStart(field);
        for (String value : strings(array)) {
            generator.writeString(value);
        }
        generator.writeEndArray();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
