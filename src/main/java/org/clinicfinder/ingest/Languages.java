package org.clinicfinder.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Language names and codes onto ISO 639-1: two- and three-letter codes, English and native names. */
final class Languages {

    private static final Set<String> CODES = Set.of(Locale.getISOLanguages());
    private static final Map<String, String> BY_KEY = build();
    /** Names as files spell them, looked up once each. */
    private static final RememberedSpellings<Optional<String>> SPELLINGS = new RememberedSpellings<>(
            Languages::lookUp);

    private Languages() {
    }

    static Optional<String> code(String name) {
        return SPELLINGS.get(name);
    }

    private static Optional<String> lookUp(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (lower.length() == 2 && CODES.contains(lower)) {
            return Optional.of(lower);
        }
        return Optional.ofNullable(BY_KEY.get(TextKey.of(name)));
    }

    private static Map<String, String> build() {
        Map<String, String> byKey = new HashMap<>();
        for (String code : CODES) {
            Locale language = new Locale(code);
            byKey.putIfAbsent(TextKey.of(language.getDisplayLanguage(Locale.ENGLISH)), code);
            byKey.putIfAbsent(TextKey.of(language.getDisplayLanguage(language)), code);
            byKey.putIfAbsent(TextKey.of(language.getDisplayLanguage(Locale.GERMAN)), code);
            byKey.putIfAbsent(TextKey.of(language.getDisplayLanguage(Locale.FRENCH)), code);
            try {
                byKey.putIfAbsent(language.getISO3Language(), code);
            } catch (java.util.MissingResourceException e) {
                // no three-letter form
            }
        }
        // ISO 639-2 bibliographic codes that differ from the terminology ones Java knows.
        String[][] bibliographic = {{"ger", "de"}, {"fre", "fr"}, {"dut", "nl"}, {"chi", "zh"}, {"gre", "el"},
                {"per", "fa"}, {"cze", "cs"}, {"wel", "cy"}, {"ice", "is"}, {"arm", "hy"}, {"geo", "ka"},
                {"rum", "ro"}, {"slo", "sk"}, {"alb", "sq"}, {"baq", "eu"}, {"bur", "my"}, {"mac", "mk"},
                {"mao", "mi"}, {"may", "ms"}, {"tib", "bo"}, {"mandarin", "zh"}, {"cantonese", "zh"},
                {"farsi", "fa"}, {"filipino", "tl"}, {"tagalog", "tl"}, {"te reo maori", "mi"}, {"maori", "mi"},
                {"isizulu", "zu"}, {"isixhosa", "xh"}, {"setswana", "tn"}, {"sesotho", "st"}};
        for (String[] alias : bibliographic) {
            byKey.put(alias[0], alias[1]);
        }
        return byKey;
    }
}
