package org.clinicfinder.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical columns of an import file, each with the names spreadsheets commonly give it. Headers match
 * ignoring case, spaces and punctuation ("Post code", "postcode" and "POST_CODE" are one). docs/importing.md
 * lists them.
 */
public enum ImportField {
    EXTERNAL_ID("external_id", "id", "external id", "ref", "reference", "provider id", "clinic id", "member id"),
    NAME("name", "clinic name", "clinic", "provider", "provider name", "practice", "practice name", "business name",
            "practitioner", "practitioner name"),
    KIND("kind", "type", "provider type"),
    PROFESSION("profession", "specialty", "speciality", "role", "qualification"),
    ADDRESS_LINE1("address_line1", "address", "address 1", "address line 1", "street", "street address"),
    ADDRESS_LINE2("address_line2", "address 2", "address line 2"),
    CITY("city", "town", "locality", "ort", "ville", "ciudad"),
    REGION("region", "state", "province", "county", "state province", "bundesland"),
    POSTAL_CODE("postal_code", "post code", "postcode", "zip", "zip code", "zipcode", "plz", "eircode"),
    COUNTRY("country", "country code", "land", "pays", "pais"),
    LATITUDE("latitude", "lat"),
    LONGITUDE("longitude", "lon", "lng", "long"),
    PHONE("phone", "phone number", "tel", "telephone", "telephone number", "telefon", "phone no"),
    EMAIL("email", "e-mail", "email address", "mail"),
    WEBSITE("website", "web", "url", "homepage", "web site", "site"),
    TREATMENTS("treatments", "treatment", "services", "indications", "conditions treated"),
    LANGUAGES("languages", "language", "languages spoken", "spoken languages"),
    DEVICES("devices", "device", "equipment"),
    NEEDLE_DEPTH_MM("needle_depth_mm", "needle depth", "needle depths", "needle depth mm", "needle length", "depth"),
    NUMBING("numbing", "numbing offered", "topical anaesthetic", "topical anesthetic", "numbing cream",
            "numbing_offered"),
    OPENING_HOURS("opening_hours", "opening hours", "hours", "opening times"),
    TIME_ZONE("time_zone", "time zone", "timezone", "tz"),
    CREDENTIAL_TITLE("credential_title", "credential", "training", "certificate", "certification", "qualification title"),
    CREDENTIAL_ISSUER("credential_issuer", "issuer", "issued by", "training body", "trained by", "academy"),
    CREDENTIAL_YEAR("credential_year", "year", "year certified", "certified", "training year"),
    CREDENTIAL_STATUS("credential_status", "status", "verification", "verified"),
    CREDENTIAL_VERIFIED_ON("credential_verified_on", "verified on", "verification date", "date verified"),
    /** JSON only: a list of credential objects. */
    CREDENTIALS("credentials");

    private static final Map<String, ImportField> BY_KEY = new HashMap<>();

    static {
        for (ImportField field : values()) {
            BY_KEY.put(key(field.canonical), field);
            for (String alias : field.aliases) {
                BY_KEY.putIfAbsent(key(alias), field);
            }
        }
    }

    private final String canonical;
    private final List<String> aliases;

    ImportField(String canonical, String... aliases) {
        this.canonical = canonical;
        this.aliases = List.of(aliases);
    }

    public String canonical() {
        return canonical;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The field a header names, by its canonical name or a common alias. */
    public static Optional<ImportField> forHeader(String header) {
        return Optional.ofNullable(BY_KEY.get(key(header)));
    }

    public static Optional<ImportField> forCanonicalName(String name) {
        for (ImportField field : values()) {
            if (field.canonical.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }
}
