package org.clinicfinder.common;

import java.util.List;
import java.util.Locale;

/** The languages names and labels come in, and the choice among them from an Accept-Language header. */
public final class Languages {

    /** English first: it is the fallback. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("es"));

    private Languages() {
    }

    /** The best supported language for the header; English when nothing matches or the header is malformed. */
    public static Locale negotiate(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return match == null ? Locale.ENGLISH : match;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
