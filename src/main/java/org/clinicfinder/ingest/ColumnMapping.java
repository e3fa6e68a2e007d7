package org.clinicfinder.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which field each column of a file fills: a mapping file's choices first, then canonical names and common
 * aliases. A mapping file is a JSON object from the file's column names to canonical field names, such as
 * {"Praxisname": "name", "Telefonnummer": "phone"}.
 */
public final class ColumnMapping {

    private final Map<String, ImportField> explicit;
    private final Map<String, Optional<ImportField>> resolved = new HashMap<>();

    private ColumnMapping(Map<String, ImportField> explicit) {
        this.explicit = explicit;
    }

    public static ColumnMapping standard() {
        return new ColumnMapping(Map.of());
    }

    public static ColumnMapping fromFile(Path file) {
        String name = file.getFileName().toString();
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidFileException(0, "mapping file " + name + " is not readable JSON: "
                    + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidFileException(0, "mapping file " + name
                    + " must be a JSON object from column names to field names, such as {\"Praxisname\": \"name\"}");
        }
        Map<String, ImportField> explicit = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String target = entry.getValue().asText();
            ImportField field = ImportField.forCanonicalName(target).orElseThrow(() -> new InvalidFileException(0,
                    "mapping file " + name + " maps \"" + entry.getKey() + "\" to \"" + target
                            + "\", which is not a field; the fields are " + canonicalNames()));
            explicit.put(ImportField.key(entry.getKey()), field);
        }
        return new ColumnMapping(explicit);
    }

    /** The field for a column name, if any. */
    public Optional<ImportField> field(String column) {
        return resolved.computeIfAbsent(column, name -> {
            ImportField mapped = explicit.get(ImportField.key(name));
            return mapped != null ? Optional.of(mapped) : ImportField.forHeader(name);
        });
    }

    /**
     * The field of each header (null where none), refusing a file where two columns fill one field or a
     * required field has no column.
     */
    public ImportField[] resolveHeader(List<String> headers, boolean countryGiven) {
        ImportField[] fields = new ImportField[headers.size()];
        Map<ImportField, String> seen = new EnumMap<>(ImportField.class);
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            ImportField field = field(header).orElse(null);
            if (field != null && seen.containsKey(field)) {
                throw new InvalidFileException(1, "columns \"" + seen.get(field) + "\" and \"" + header
                        + "\" both give the " + field.canonical() + "; rename one, or map it with --mapping");
            }
            if (field != null) {
                seen.put(field, header);
            }
            fields[i] = field;
        }
        Set<ImportField> required = EnumSet.of(ImportField.NAME, ImportField.CITY);
        if (!countryGiven) {
            required.add(ImportField.COUNTRY);
        }
        List<String> missing = new ArrayList<>();
        for (ImportField field : required) {
            if (!seen.containsKey(field)) {
                missing.add(field.canonical());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidFileException(1, "required columns are missing: " + String.join(", ", missing)
                    + (countryGiven || !missing.contains("country") ? ""
                            : " (or give --country for a list of one country)")
                    + "; the header has: " + String.join(", ", headers));
        }
        return fields;
    }

    static String canonicalNames() {
        List<String> names = new ArrayList<>();
        for (ImportField field : ImportField.values()) {
            names.add(field.canonical());
        }
        return String.join(", ", names);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
