package org.clinicfinder.ingest;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One provider as the file gives it, under canonical field names: text for CSV cells, any JSON value for
 * JSON input. Blank values are left out.
 *
 * @param line the line the record starts on
 * @param defect what makes the record unreadable as a whole (too many cells, not an object), or null
 */
public record RawRecord(long line, Map<ImportField, JsonNode> values, String defect) {

    public RawRecord(long line, Map<ImportField, JsonNode> values) {
        this(line, values, null);
    }
}
