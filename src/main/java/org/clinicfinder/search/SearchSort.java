package org.clinicfinder.search;

/** The orders a search can come in; each pages by its key and then the provider id. */
public enum SearchSort {
    RELEVANCE, DISTANCE, NAME;

    static SearchSort fromParameter(String value) {
        return value == null ? null : valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
