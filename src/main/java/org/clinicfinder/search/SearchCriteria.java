package org.clinicfinder.search;

import java.util.List;

/**
 * A validated search: countries upper-cased, treatments as slugs, text trimmed, radius in kilometres.
 * Null means "not filtered on".
 */
record SearchCriteria(
        List<String> countries,
        String region,
        String city,
        List<String> treatments,
        String text,
        GeoPoint near,
        double radiusKm,
        Boolean verified,
        String language,
        String kind,
        SearchSort sort) {

    record GeoPoint(double lat, double lon) {
    }

    /** Everything that decides which rows match and in what order; a cursor is only valid for the same. */
    String fingerprint() {
        return String.join("\u0000", String.valueOf(countries.stream().sorted().toList()), String.valueOf(region),
                String.valueOf(city), String.valueOf(treatments.stream().sorted().toList()), String.valueOf(text),
                String.valueOf(near), near == null ? "" : Double.toString(radiusKm), String.valueOf(verified),
                String.valueOf(language), String.valueOf(kind), sort.name());
    }
}
