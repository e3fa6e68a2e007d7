package org.clinicfinder.ingest;

/**
 * Why a row was set aside: the field, the value as the file gave it (shortened), and the reason.
 */
public record RowProblem(String field, String value, String reason) {

    static final int MAX_VALUE_CHARS = 200;

    static RowProblem of(ImportField field, String value, String reason) {
        return new RowProblem(field == null ? null : field.canonical(), shorten(value), reason);
    }

    static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return value.substring(0, MAX_VALUE_CHARS) + "…";
    }
}
