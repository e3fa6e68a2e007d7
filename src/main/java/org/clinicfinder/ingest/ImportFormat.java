package org.clinicfinder.ingest;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats an import reads. */
public enum ImportFormat {
    CSV, JSON, NDJSON;

    /** The format a file name's extension says, if it says one. */
    public static Optional<ImportFormat> fromFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Optional.of(NDJSON);
        }
        if (name.endsWith(".json")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
