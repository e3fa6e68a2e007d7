package org.clinicfinder.ingest;

/**
 * Why a row was set aside: the field, the value as the file gave it (shortened), and the reason.
 */
public record RowProblem(String field, String value, String reason) {

    static final int MAX_VALUE_CHARS = 200;

    static RowProblem of(ImportField field, String value, String reason) {
        return new RowProblem(field == null ? null : field.canonical(), reportable(value), reason);
    }

    /** The value as a report shows it: shortened, then spelled out (so that no cut splits an escape). */
    static String reportable(String value) {
        return printable(shorten(value));
    }

    static String shorten(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_VALUE_CHARS - 1)) ? MAX_VALUE_CHARS - 1 : MAX_VALUE_CHARS;
        return value.substring(0, end) + "…";
    }

    /**
     * The value with what the run's record cannot hold, or a report should not replay, spelled out: NUL as \0,
     * half a surrogate pair as \uD800, other control characters (ESC...) as \u001B.
     */
    static String printable(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else if (c == '\u0000') {
                out.append("\\0");
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                // An escape sequence would act on the terminal or page that shows the report.
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
