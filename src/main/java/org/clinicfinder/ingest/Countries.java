package org.clinicfinder.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Country names and codes onto ISO 3166-1 alpha-2: alpha-2 and alpha-3 codes, names in English, German,
 * French and Spanish, each country's names in its own languages ("Deutschland", "Suisse", "Éire"), and the
 * names people use for parts or older names of a country ("UK", "England", "Holland").
 */
public final class Countries {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final Map<String, String> BY_KEY = build();
    /** Names as files spell them, looked up once each. */
    private static final RememberedSpellings<Optional<String>> SPELLINGS = new RememberedSpellings<>(
            Countries::lookUp);

    private Countries() {
    }

    public static Optional<String> code(String name) {
        return SPELLINGS.get(name);
    }

    private static Optional<String> lookUp(String name) {
        String trimmed = name.strip();
        if (trimmed.length() == 2 && CODES.contains(trimmed.toUpperCase(Locale.ROOT))) {
            return Optional.of(trimmed.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(BY_KEY.get(TextKey.of(trimmed)));
    }

    private static Map<String, String> build() {
        Map<String, String> byKey = new HashMap<>();
        Locale[] languages = {Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH, Locale.forLanguageTag("es"),
                Locale.ITALIAN, Locale.forLanguageTag("nl"), Locale.forLanguageTag("pt")};
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            for (Locale language : languages) {
                byKey.putIfAbsent(TextKey.of(country.getDisplayCountry(language)), code);
            }
            try {
                byKey.putIfAbsent(TextKey.of(country.getISO3Country()), code);
            } catch (java.util.MissingResourceException e) {
                // a code without an alpha-3 form
            }
        }
        for (Locale locale : Locale.getAvailableLocales()) {
            if (CODES.contains(locale.getCountry())) {
                byKey.putIfAbsent(TextKey.of(locale.getDisplayCountry(locale)), locale.getCountry());
            }
        }
        String[][] aliases = {
                {"uk", "GB"}, {"u k", "GB"}, {"great britain", "GB"}, {"britain", "GB"}, {"england", "GB"},
                {"scotland", "GB"}, {"wales", "GB"}, {"northern ireland", "GB"}, {"united kingdom of great britain",
                "GB"}, {"usa", "US"}, {"u s a", "US"}, {"u s", "US"}, {"america", "US"},
                {"united states of america", "US"}, {"holland", "NL"}, {"the netherlands", "NL"},
                {"republic of ireland", "IE"}, {"eire", "IE"}, {"czech republic", "CZ"}, {"south korea", "KR"},
                {"korea", "KR"}, {"uae", "AE"}, {"russia", "RU"}, {"rsa", "ZA"}, {"aotearoa", "NZ"},
                {"deutschland", "DE"}, {"osterreich", "AT"}, {"schweiz", "CH"}, {"suisse", "CH"},
                {"svizzera", "CH"}};
        for (String[] alias : aliases) {
            byKey.put(alias[0], alias[1]);
        }
        return byKey;
    }

}
