package org.clinicfinder.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.clinicfinder.provider.TrainingCredential;
import org.clinicfinder.provider.WeeklyHours;

/**
 * Turns one record of a file into a provider of the directory, or says why it cannot: every field is checked
 * and brought into the directory's form (ISO codes, E.164 phones, absolute URLs, vocabulary slugs). Values
 * are only ever read as text: a cell such as "=HYPERLINK(...)" stays that text.
 */
final class RowNormaliser {

    /** Defaults a whole list can give its rows. */
    record SourceDefaults(String country, TrainingCredential credential) {
    }

    /**
     * Either a row or the problems that keep it out; a rejected row's identity where it can be told, so that a
     * sync does not unpublish a provider whose row is merely bad this time.
     */
    record Result(NormalisedRow row, List<RowProblem> problems, String identityKey) {
        boolean accepted() {
            return row != null;
        }
    }

    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*[;|]\\s*");
    private static final Pattern COORDINATE = Pattern.compile("^[+-]?\\d{1,3}(?:[.,]\\d+)?$");
    private static final Pattern YEAR = Pattern.compile("^\\d{4}$");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://.*");
    private static final Pattern OTHER_SCHEME = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*:.*");
    private static final Pattern HOST_AND_PORT = Pattern.compile("(?i)^[^:/]+:\\d+.*");
    private static final Pattern DEPTH_WORDS = Pattern.compile("mm|millimet(er|re)s?|to|up|bis|à|a|-|–|,|;|/|\\s");
    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "ja", "oui", "si", "offered");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "nein", "non", "not offered");
    /** Values that lists repeat on row after row (depths, opening hours) are read once per this many. */
    private static final int REMEMBERED = 4096;
    private static final BigDecimal MIN_DEPTH = new BigDecimal("0.1");
    private static final BigDecimal MAX_DEPTH = new BigDecimal("3.0");
    /** Countries within one time zone, so that their opening hours need no time_zone column. */
    private static final Map<String, String> SINGLE_ZONE = Map.ofEntries(
            Map.entry("GB", "Europe/London"), Map.entry("IE", "Europe/Dublin"), Map.entry("DE", "Europe/Berlin"),
            Map.entry("AT", "Europe/Vienna"), Map.entry("CH", "Europe/Zurich"), Map.entry("FR", "Europe/Paris"),
            Map.entry("NL", "Europe/Amsterdam"), Map.entry("BE", "Europe/Brussels"), Map.entry("IT", "Europe/Rome"),
            Map.entry("ES", "Europe/Madrid"), Map.entry("PL", "Europe/Warsaw"), Map.entry("SE", "Europe/Stockholm"),
            Map.entry("NO", "Europe/Oslo"), Map.entry("DK", "Europe/Copenhagen"), Map.entry("FI", "Europe/Helsinki"),
            Map.entry("GR", "Europe/Athens"), Map.entry("CZ", "Europe/Prague"), Map.entry("HU", "Europe/Budapest"),
            Map.entry("ZA", "Africa/Johannesburg"), Map.entry("NZ", "Pacific/Auckland"),
            Map.entry("SG", "Asia/Singapore"), Map.entry("AE", "Asia/Dubai"), Map.entry("IN", "Asia/Kolkata"),
            Map.entry("JP", "Asia/Tokyo"), Map.entry("KR", "Asia/Seoul"), Map.entry("IL", "Asia/Jerusalem"),
            Map.entry("LU", "Europe/Luxembourg"), Map.entry("MT", "Europe/Malta"), Map.entry("CY", "Asia/Nicosia"));

    private final SourceDefaults defaults;
    private final Vocabularies vocabularies = Vocabularies.INSTANCE;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    /** The run's day, for years and dates that must not lie in the future. */
    private final LocalDate today = LocalDate.now();
    private final Map<String, BigDecimal[]> depths = new HashMap<>();
    private final Map<String, List<WeeklyHours.Period>> hours = new HashMap<>();

    RowNormaliser(SourceDefaults defaults) {
        this.defaults = defaults;
    }

    Result normalise(RawRecord record) {
        if (record.defect() != null) {
            return new Result(null, List.of(RowProblem.of(null, null, "the row " + record.defect())),
                    identityOf(record));
        }
        Row row = new Row(record);
        String name = row.text(ImportField.NAME, 200, true);
        String city = row.text(ImportField.CITY, 100, true);
        String region = row.text(ImportField.REGION, 100, false);
        String postalCode = row.text(ImportField.POSTAL_CODE, 20, false);
        String externalId = row.text(ImportField.EXTERNAL_ID, 200, false);
        String country = country(row);
        // Left empty when the file does not say, so that merging duplicates keeps a kind another row gives;
        // publishing makes it a clinic.
        String kind = row.vocabulary(ImportField.KIND, vocabularies.kinds()).orElse(null);
        String profession = row.vocabulary(ImportField.PROFESSION, vocabularies.professions()).orElse(null);
        List<String> addressLines = new ArrayList<>();
        for (ImportField line : List.of(ImportField.ADDRESS_LINE1, ImportField.ADDRESS_LINE2)) {
            String value = row.text(line, 200, false);
            if (value != null) {
                addressLines.add(value);
            }
        }
        Double[] location = location(row);
        String phone = phone(row, country);
        String email = email(row);
        String website = website(row);
        List<String> treatments = row.vocabularyList(ImportField.TREATMENTS, vocabularies.treatments());
        List<String> devices = row.vocabularyList(ImportField.DEVICES, vocabularies.devices());
        List<String> languages = languages(row);
        BigDecimal[] depths = needleDepths(row);
        Boolean numbing = row.yesNo(ImportField.NUMBING);
        WeeklyHours hours = openingHours(row, country);
        List<TrainingCredential> credentials = credentials(row);
        if (credentials.isEmpty() && row.problems.stream().noneMatch(p -> p.field() != null
                && p.field().startsWith("credential"))) {
            row.problem(ImportField.CREDENTIAL_TITLE, null, "no training credential: the directory lists trained "
                    + "providers only; give credential_title and credential_issuer, or --credential for the list");
        }
        String identity = externalId != null ? "id:" + externalId
                : name != null && country != null && (postalCode != null || city != null)
                        ? "fp:" + fingerprint(name, postalCode != null ? postalCode : city, country) : null;
        if (!row.problems.isEmpty()) {
            return new Result(null, List.copyOf(row.problems), identity != null ? identity : identityOf(record));
        }
        return new Result(new NormalisedRow(record.line(), identity, externalId, name, kind, profession,
                addressLines, city, region, postalCode, country, location[0], location[1], phone, email, website,
                treatments, languages, devices, depths[0], depths[1], numbing, hours, credentials), List.of(), identity);
    }

    /**
     * The identity a record names, read as leniently as possible: a rejected row still tells a sync which
     * provider it is about, so that the provider keeps its entry.
     */
    private String identityOf(RawRecord record) {
        String externalId = plain(record, ImportField.EXTERNAL_ID);
        if (externalId != null) {
            return "id:" + externalId;
        }
        String name = plain(record, ImportField.NAME);
        String place = plain(record, ImportField.POSTAL_CODE);
        place = place != null ? place : plain(record, ImportField.CITY);
        String countryText = plain(record, ImportField.COUNTRY);
        String country = countryText != null ? Countries.code(countryText).orElse(null) : defaults.country();
        return name != null && place != null && country != null ? "fp:" + fingerprint(name, place, country) : null;
    }

    private static String plain(RawRecord record, ImportField field) {
        JsonNode node = record.values().get(field);
        if (node == null || node.isContainerNode() || node.asText().isBlank()) {
            return null;
        }
        String tidy = TextKey.tidy(node.asText().replace("\u0000", ""));
        return tidy.isEmpty() || tidy.length() > 200 ? null : tidy;
    }

    private String country(Row row) {
        String raw = row.raw(ImportField.COUNTRY);
        if (raw == null) {
            if (defaults.country() != null) {
                return defaults.country();
            }
            row.problem(ImportField.COUNTRY, null, "is required (or give --country for a list of one country)");
            return null;
        }
        Optional<String> code = Countries.code(raw);
        if (code.isEmpty()) {
            row.problem(ImportField.COUNTRY, raw, "is not a country name or an ISO 3166-1 code");
            return null;
        }
        return code.get();
    }

    private static Double[] location(Row row) {
        String lat = row.raw(ImportField.LATITUDE);
        String lon = row.raw(ImportField.LONGITUDE);
        if (lat == null && lon == null) {
            return new Double[] {null, null};
        }
        if (lat == null || lon == null) {
            row.problem(lat == null ? ImportField.LATITUDE : ImportField.LONGITUDE, null,
                    "is missing; give latitude and longitude together, or neither");
            return new Double[] {null, null};
        }
        Double latitude = coordinate(row, ImportField.LATITUDE, lat, row.node(ImportField.LATITUDE), 90);
        Double longitude = coordinate(row, ImportField.LONGITUDE, lon, row.node(ImportField.LONGITUDE), 180);
        return latitude == null || longitude == null ? new Double[] {null, null} : new Double[] {latitude, longitude};
    }

    private static Double coordinate(Row row, ImportField field, String raw, JsonNode node, int bound) {
        String value = raw.strip();
        double degrees;
        if (node != null && node.isNumber()) {
            degrees = node.doubleValue();
        } else if (COORDINATE.matcher(value).matches()) {
            degrees = Double.parseDouble(value.replace(',', '.'));
        } else {
            row.problem(field, raw, "is not a number in decimal degrees, such as 51.5074");
            return null;
        }
        if (degrees < -bound || degrees > bound) {
            row.problem(field, raw, "must be between -" + bound + " and " + bound);
            return null;
        }
        return degrees;
    }

    private String phone(Row row, String country) {
        String raw = row.raw(ImportField.PHONE);
        if (raw == null) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = phones.parse(raw, country == null ? "ZZ" : country);
            if (phones.isValidNumber(number)) {
                return phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // reported below
        }
        Phonenumber.PhoneNumber example = country == null ? null : phones.getExampleNumber(country);
        row.problem(ImportField.PHONE, raw, "is not a valid phone number" + (country == null ? ""
                : " for " + country) + "; write it with its area code, or in international form"
                + (example == null ? "" : " such as " + phones.format(example,
                        PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL)));
        return null;
    }

    private static String email(Row row) {
        String raw = row.raw(ImportField.EMAIL);
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            value = value.substring(7);
        }
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            row.problem(ImportField.EMAIL, raw, "is not an e-mail address");
            return null;
        }
        int at = value.lastIndexOf('@');
        return value.substring(0, at) + "@" + value.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String website(Row row) {
        String raw = row.raw(ImportField.WEBSITE);
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (!ABSOLUTE_URL.matcher(value).matches()) {
            if (OTHER_SCHEME.matcher(value).matches() && !HOST_AND_PORT.matcher(value).matches()) {
                row.problem(ImportField.WEBSITE, raw, "must be an http or https address");
                return null;
            }
            value = "https://" + value;
        }
        try {
            int hostStart = value.indexOf("://") + 3;
            int hostEnd = hostStart;
            while (hostEnd < value.length() && "/?#".indexOf(value.charAt(hostEnd)) < 0) {
                hostEnd++;
            }
            // Hosts in other scripts (bücher.example) in their ASCII form, which URI accepts.
            String host = value.substring(hostStart, hostEnd);
            if (!isAscii(host)) {
                value = value.substring(0, hostStart) + IDN.toASCII(host, IDN.ALLOW_UNASSIGNED)
                        + value.substring(hostEnd);
            }
            URI uri = new URI(value);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            host = uri.getHost();
            if (!(scheme.equals("http") || scheme.equals("https")) || host == null || !host.contains(".")
                    || uri.getUserInfo() != null || value.length() > 2048) {
                row.problem(ImportField.WEBSITE, raw, "must be an http or https address with a host name");
                return null;
            }
            // Rebuilt from the raw (still percent-encoded) parts, so that %26 stays %26.
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : uri.getRawPath();
            String text = scheme + "://" + host.toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                    + (path.equals("/") && uri.getRawQuery() == null && uri.getRawFragment() == null ? "" : path)
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            return text;
        } catch (URISyntaxException | IllegalArgumentException e) {
            row.problem(ImportField.WEBSITE, raw, "is not a web address");
            return null;
        }
    }

    private static List<String> languages(Row row) {
        Set<String> codes = new LinkedHashSet<>();
        for (String item : row.list(ImportField.LANGUAGES)) {
            Optional<String> code = Languages.code(item);
            if (code.isEmpty()) {
                row.problem(ImportField.LANGUAGES, item, "is not a language name or an ISO 639-1 code");
            } else {
                codes.add(code.get());
            }
        }
        return List.copyOf(codes);
    }

    private BigDecimal[] needleDepths(Row row) {
        String raw = row.raw(ImportField.NEEDLE_DEPTH_MM);
        if (raw == null) {
            return new BigDecimal[] {null, null};
        }
        BigDecimal[] known = depths.get(raw);
        if (known != null) {
            return known;
        }
        BigDecimal[] read = needleDepths(row, raw);
        if (read[0] != null && depths.size() < REMEMBERED) {
            depths.put(raw, read);
        }
        return read;
    }

    private static BigDecimal[] needleDepths(Row row, String raw) {
        List<BigDecimal> values = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(raw);
        while (matcher.find()) {
            values.add(new BigDecimal(matcher.group().replace(',', '.')));
        }
        String rest = DEPTH_WORDS.matcher(NUMBER.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll("");
        if (values.isEmpty() || !rest.isEmpty()) {
            row.problem(ImportField.NEEDLE_DEPTH_MM, raw, "is not a depth or range in millimetres, such as 0.5-1.5mm");
            return new BigDecimal[] {null, null};
        }
        BigDecimal min = values.stream().min(BigDecimal::compareTo).orElseThrow();
        BigDecimal max = values.stream().max(BigDecimal::compareTo).orElseThrow();
        if (min.compareTo(MIN_DEPTH) < 0 || max.compareTo(MAX_DEPTH) > 0) {
            row.problem(ImportField.NEEDLE_DEPTH_MM, raw, "must lie within 0.1 to 3.0 mm");
            return new BigDecimal[] {null, null};
        }
        return new BigDecimal[] {min.setScale(2, RoundingMode.HALF_UP), max.setScale(2, RoundingMode.HALF_UP)};
    }

    private WeeklyHours openingHours(Row row, String country) {
        JsonNode node = row.node(ImportField.OPENING_HOURS);
        if (node == null) {
            return null;
        }
        String zoneText = row.raw(ImportField.TIME_ZONE);
        List<WeeklyHours.Period> periods;
        try {
            if (node.isObject()) {
                if (zoneText == null && node.hasNonNull("timeZone")) {
                    zoneText = node.get("timeZone").asText();
                }
                StringBuilder text = new StringBuilder();
                for (JsonNode period : node.path("periods")) {
                    String day = period.path("day").asText();
                    text.append(day.isEmpty() ? "?" : day).append(' ').append(period.path("opens").asText())
                            .append('-').append(period.path("closes").asText()).append(';');
                }
                periods = OpeningHoursText.parse(text.toString());
            } else {
                periods = hours.get(node.asText());
                if (periods == null) {
                    periods = List.copyOf(OpeningHoursText.parse(node.asText()));
                    if (hours.size() < REMEMBERED) {
                        hours.put(node.asText(), periods);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            row.problem(ImportField.OPENING_HOURS, node.isObject() ? node.toString() : node.asText(), e.getMessage());
            return null;
        }
        String zone;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText.strip()).getId();
            } catch (DateTimeException e) {
                row.problem(ImportField.TIME_ZONE, zoneText, "is not an IANA time zone, such as Europe/London");
                return null;
            }
        } else if (country != null && SINGLE_ZONE.containsKey(country)) {
            zone = SINGLE_ZONE.get(country);
        } else {
            row.problem(ImportField.TIME_ZONE, null, "is required with opening hours in "
                    + (country == null ? "this country" : country) + ", which has several time zones");
            return null;
        }
        return periods.isEmpty() ? null : new WeeklyHours(zone, periods);
    }

    private List<TrainingCredential> credentials(Row row) {
        List<TrainingCredential> credentials = new ArrayList<>();
        JsonNode list = row.node(ImportField.CREDENTIALS);
        if (list != null) {
            if (!list.isArray()) {
                row.problem(ImportField.CREDENTIALS, list.toString(), "must be a list of credential objects");
            } else {
                for (JsonNode item : list) {
                    credential(row, text(item, "title"), text(item, "issuer"), text(item, "year"),
                            text(item, "status"), firstText(item, "verifiedOn", "verified_on"))
                            .ifPresent(credentials::add);
                }
            }
        }
        String title = row.raw(ImportField.CREDENTIAL_TITLE);
        String issuer = row.raw(ImportField.CREDENTIAL_ISSUER);
        if (title != null || issuer != null) {
            credential(row, title, issuer, row.raw(ImportField.CREDENTIAL_YEAR), row.raw(ImportField.CREDENTIAL_STATUS),
                    row.raw(ImportField.CREDENTIAL_VERIFIED_ON)).ifPresent(credentials::add);
        }
        if (defaults.credential() != null && !credentials.contains(defaults.credential())) {
            credentials.add(defaults.credential());
        }
        return credentials;
    }

    private Optional<TrainingCredential> credential(Row row, String title, String issuer, String year,
            String status, String verifiedOn) {
        int before = row.problems.size();
        String titleText = credentialText(row, ImportField.CREDENTIAL_TITLE, title, "is required for a credential");
        String issuerText = credentialText(row, ImportField.CREDENTIAL_ISSUER, issuer,
                "is required for a credential: who trained them?");
        Integer yearValue = null;
        if (year != null && !year.isBlank()) {
            String trimmed = year.strip();
            if (!YEAR.matcher(trimmed).matches() || Integer.parseInt(trimmed) < 1950
                    || Integer.parseInt(trimmed) > today.getYear()) {
                row.problem(ImportField.CREDENTIAL_YEAR, year, "must be a year from 1950 to this year");
            } else {
                yearValue = Integer.parseInt(trimmed);
            }
        }
        String statusValue = "unverified";
        if (status != null && !status.isBlank()) {
            Optional<String> slug = vocabularies.credentialStatuses().slug(status);
            if (slug.isEmpty()) {
                row.problem(ImportField.CREDENTIAL_STATUS, status, "must be verified, unverified or expired");
            } else {
                statusValue = slug.get();
            }
        }
        LocalDate verifiedDate = null;
        if (verifiedOn != null && !verifiedOn.isBlank()) {
            try {
                verifiedDate = LocalDate.parse(verifiedOn.strip());
                if (verifiedDate.isAfter(today)) {
                    row.problem(ImportField.CREDENTIAL_VERIFIED_ON, verifiedOn, "lies in the future");
                }
            } catch (DateTimeException e) {
                row.problem(ImportField.CREDENTIAL_VERIFIED_ON, verifiedOn, "is not a date in the form 2024-03-18");
            }
        }
        if ("verified".equals(statusValue) && verifiedDate == null && row.problems.size() == before) {
            row.problem(ImportField.CREDENTIAL_VERIFIED_ON, null,
                    "is required for a verified credential: when was it checked with its issuer?");
        }
        if (row.problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TrainingCredential(titleText, issuerText, yearValue, statusValue, verifiedDate));
    }

    /** A credential's title or issuer, tidied; null, with the problem noted, when missing or not storable. */
    private static String credentialText(Row row, ImportField field, String value, String missing) {
        if (value == null || value.isBlank()) {
            row.problem(field, null, missing);
            return null;
        }
        if (!row.storable(field, value)) {
            return null;
        }
        String tidy = TextKey.tidy(value);
        if (tidy.isEmpty()) {
            row.problem(field, value, "holds only control characters, so it would be stored empty");
            return null;
        }
        return tidy;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** name|postcode-or-city|country, folded, as a short stable digest. */
    static String fingerprint(String name, String place, String country) {
        String basis = TextKey.of(name) + "|" + TextKey.of(place).replace(" ", "") + "|" + country;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 15));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record being normalised, and the problems found so far. */
    private static final class Row {
        private final RawRecord record;
        private final List<RowProblem> problems = new ArrayList<>();

        Row(RawRecord record) {
            this.record = record;
        }

        JsonNode node(ImportField field) {
            return record.values().get(field);
        }

        /** The value as text, or null when absent or blank; a list, an object or a NUL is a problem. */
        String raw(ImportField field) {
            JsonNode node = node(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isContainerNode()) {
                problem(field, node.toString(), "must be a single value, not a list or an object");
                return null;
            }
            String text = node.asText();
            return storable(field, text) && !text.isBlank() ? text : null;
        }

        /**
         * False, with the problem noted, for text the database cannot hold as given: a NUL, or half of a UTF-16
         * surrogate pair (a JSON escape such as \uD800 alone), which would be stored as "?".
         */
        boolean storable(ImportField field, String text) {
            if (text.indexOf('\u0000') >= 0) {
                problem(field, text, "contains a NUL character");
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    problem(field, text, String.format("contains half of a character (an unpaired UTF-16 surrogate, "
                            + "U+%04X), which cannot be stored as given", (int) c));
                    return false;
                }
            }
            return true;
        }

        void problem(ImportField field, String value, String reason) {
            problems.add(RowProblem.of(field, value, reason));
        }

        String text(ImportField field, int maxLength, boolean required) {
            int before = problems.size();
            String raw = raw(field);
            if (raw == null) {
                if (required && problems.size() == before) {
                    problem(field, null, "is required");
                }
                return null;
            }
            String tidy = TextKey.tidy(raw);
            if (tidy.isEmpty()) {
                if (required) {
                    problem(field, raw, "is required");
                }
                return null;
            }
            if (tidy.codePointCount(0, tidy.length()) > maxLength) {
                problem(field, raw, "is longer than " + maxLength + " characters");
                return null;
            }
            return tidy;
        }

        /** The items of a multi-valued field: a JSON array, or text separated by ; or |. */
        List<String> list(ImportField field) {
            JsonNode node = node(field);
            List<String> items = new ArrayList<>();
            if (node == null) {
                return items;
            }
            if (node.isArray()) {
                node.forEach(item -> {
                    if (!item.isNull() && !item.asText().isBlank()) {
                        items.add(item.asText().strip());
                    }
                });
                return items;
            }
            if (node.isObject()) {
                problem(field, node.toString(), "must be a list or text, not an object");
                return items;
            }
            for (String item : LIST_SEPARATOR.split(node.asText().replace("\u0000", "").strip())) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
            return items;
        }

        Optional<String> vocabulary(ImportField field, Vocabularies.Vocabulary vocabulary) {
            String raw = raw(field);
            if (raw == null) {
                return Optional.empty();
            }
            Optional<String> slug = vocabulary.slug(raw);
            if (slug.isEmpty()) {
                problem(field, raw, "is not one of: " + String.join(", ", vocabulary.slugs()));
            }
            return slug;
        }

        List<String> vocabularyList(ImportField field, Vocabularies.Vocabulary vocabulary) {
            Set<String> slugs = new LinkedHashSet<>();
            for (String item : list(field)) {
                Optional<String> slug = vocabulary.slug(item);
                if (slug.isEmpty()) {
                    problem(field, item, "is not one of: " + String.join(", ", vocabulary.slugs()));
                } else {
                    slugs.add(slug.get());
                }
            }
            return vocabulary.ordered(slugs);
        }

        Boolean yesNo(ImportField field) {
            String raw = raw(field);
            if (raw == null) {
                return null;
            }
            String key = TextKey.of(raw);
            if (YES.contains(key)) {
                return true;
            }
            if (NO.contains(key)) {
                return false;
            }
            problem(field, raw, "must be yes or no");
            return null;
        }
    }
}
