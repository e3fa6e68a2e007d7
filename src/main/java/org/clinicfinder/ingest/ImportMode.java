package org.clinicfinder.ingest;

/** What an import does to its source's providers that the file does not list. */
public enum ImportMode {
    /** Leave them as they are. */
    UPSERT,
    /** Unpublish them (they stay in the database, with the time they were withdrawn). */
    SYNC
}
