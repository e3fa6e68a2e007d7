package org.clinicfinder.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.clinicfinder.provider.TrainingCredential;
import org.clinicfinder.provider.WeeklyHours;
import org.clinicfinder.testing.HostileText;

/**
 * Random and hostile values in every field of an import file's rows, read by the import job's own NDJSON and
 * CSV readers and checked by its normaliser: each row is either accepted with exactly the values it gave, in the
 * directory's form (text tidied as docs/importing.md says), or rejected with problems that name its line and the
 * fields at fault. Nothing else may come out: no exception, no value the database would store otherwise.
 */
class ImportRowPropertyTest {

    /** The plain text fields, each with the most characters it takes; name and city are required. */
    private static final Map<ImportField, Integer> TEXT = new EnumMap<>(Map.of(
            ImportField.EXTERNAL_ID, 200, ImportField.NAME, 200, ImportField.ADDRESS_LINE1, 200,
            ImportField.ADDRESS_LINE2, 200, ImportField.CITY, 100, ImportField.REGION, 100,
            ImportField.POSTAL_CODE, 20));
    private static final Set<ImportField> REQUIRED = Set.of(ImportField.NAME, ImportField.CITY);

    /** Values of the other fields that are valid whatever the rest of the row says, and what each becomes. */
    private static final Map<ImportField, List<Tuple.Tuple2<Object, Object>>> VALID = new EnumMap<>(Map.ofEntries(
            Map.entry(ImportField.COUNTRY, List.of(Tuple.of("GB", "GB"), Tuple.of("united kingdom", "GB"),
                    Tuple.of("Deutschland", "DE"), Tuple.of("IE", "IE"))),
            Map.entry(ImportField.KIND, List.of(Tuple.of("practitioner", "practitioner"), Tuple.of("Praxis", "clinic"))),
            Map.entry(ImportField.PROFESSION, List.of(Tuple.of("GP", "general-practitioner"),
                    Tuple.of("Dermatology", "dermatologist"))),
            Map.entry(ImportField.PHONE, List.of(Tuple.of("+44 20 7946 0018", "+442079460018"))),
            Map.entry(ImportField.EMAIL, List.of(Tuple.of("Info@Clinic.EXAMPLE", "Info@clinic.example"),
                    Tuple.of("mailto:a.b@clinic.example", "a.b@clinic.example"))),
            Map.entry(ImportField.WEBSITE, List.of(Tuple.of("www.example.com", "https://www.example.com"),
                    Tuple.of("https://bücher.example/a?b=%26", "https://xn--bcher-kva.example/a?b=%26"))),
            Map.entry(ImportField.TREATMENTS, List.of(Tuple.of("striae; acne scarring", List.of("acne-scars",
                    "stretch-marks")), Tuple.of(List.of("fine lines"), List.of("wrinkles")))),
            Map.entry(ImportField.LANGUAGES, List.of(Tuple.of("English|Deutsch", List.of("en", "de")),
                    Tuple.of(List.of("fr"), List.of("fr")))),
            Map.entry(ImportField.DEVICES, List.of(Tuple.of("Dermapen", List.of("automated-pen")))),
            Map.entry(ImportField.NEEDLE_DEPTH_MM, List.of(Tuple.of("0.5-1.5mm", List.of(new BigDecimal("0.50"),
                    new BigDecimal("1.50"))), Tuple.of("1,5 mm", List.of(new BigDecimal("1.50"),
                    new BigDecimal("1.50"))))),
            Map.entry(ImportField.NUMBING, List.of(Tuple.of("yes", true), Tuple.of("Nein", false))),
            Map.entry(ImportField.CREDENTIAL_YEAR, List.of(Tuple.of("2020", 2020), Tuple.of(2021, 2021))),
            Map.entry(ImportField.CREDENTIAL_STATUS, List.of(Tuple.of("unverified", "unverified"),
                    Tuple.of("Expired", "expired"))),
            Map.entry(ImportField.CREDENTIAL_VERIFIED_ON, List.of(Tuple.of("2024-03-18", LocalDate.of(2024, 3, 18))))));

    /** Whitespace as Java sees it, no-break spaces and line and paragraph separators included. */
    private static final Pattern SPACES = Pattern.compile("[\\t\\n\\u000B\\f\\r\\u001C-\\u001F\\p{Z}]");
    private static final Pattern CONTROLS = Pattern.compile("\\p{Cc}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[a-z0-9.-]+");
    private static final Pattern WEBSITE = Pattern.compile("https?://[a-z0-9.-]+(:\\d+)?([/?#]\\S*)?");

    /** One cell as the file gives it: null for absent, else text, a number, a list or an object. */
    record Cell(Object given, boolean valid, Object expected) {
    }

    /** A row of the file, and the line it is written on. */
    record Row(Map<ImportField, Cell> cells, long line) {
    }

    @Property(tries = 100)
    void shouldStoreWhatEachRowGivesOrNameItsLineAndFields(@ForAll("rows") List<Map<ImportField, Cell>> rows,
            @ForAll("blankLines") List<Integer> blankLines) throws IOException {
        StringBuilder ndjson = new StringBuilder();
        List<Row> written = new ArrayList<>();
        long line = 1;
        for (int i = 0; i < rows.size(); i++) {
            for (int blank = 0; blank < blankLines.get(i); blank++, line++) {
                ndjson.append(blank % 2 == 0 ? "\n" : "   \n");
            }
            ndjson.append(json(rows.get(i))).append('\n');
            written.add(new Row(rows.get(i), line++));
        }

        List<Outcome> outcomes = readAndNormalise(ndjson.toString());

        assertThat(outcomes).hasSameSizeAs(written);
        for (int i = 0; i < written.size(); i++) {
            check(written.get(i), outcomes.get(i));
        }
    }

    /** What the normaliser made of one record the reader gave. */
    record Outcome(long line, RowNormaliser.Result result) {
    }

    private static List<Outcome> readAndNormalise(String ndjson) throws IOException {
        RowNormaliser normaliser = new RowNormaliser(new RowNormaliser.SourceDefaults(null, null));
        List<Outcome> outcomes = new ArrayList<>();
        try (RecordReader reader = JsonRecordReader.ndjson(
                new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), ColumnMapping.standard())) {
            for (RawRecord record = reader.next(); record != null; record = reader.next()) {
                outcomes.add(new Outcome(record.line(), normaliser.normalise(record)));
            }
        }
        return outcomes;
    }

    private static void check(Row row, Outcome outcome) {
        RowNormaliser.Result result = outcome.result();
        String context = "row " + row.cells() + " gave " + (result.accepted() ? result.row() : result.problems());
        assertThat(outcome.line()).as(context).isEqualTo(row.line());
        Set<String> named = result.problems().stream().map(RowProblem::field).collect(Collectors.toSet());
        assertThat(named).as("every problem names a field: " + context).doesNotContainNull()
                .allMatch(field -> ImportField.forCanonicalName(field).isPresent());
        assertThat(result.accepted()).as(context).isEqualTo(result.problems().isEmpty());
        Map<ImportField, Expected> expectations = expectations(row.cells());
        for (Map.Entry<ImportField, Expected> entry : expectations.entrySet()) {
            ImportField field = entry.getKey();
            Expected expected = entry.getValue();
            if (expected.error()) {
                assertThat(named).as("%s should be rejected: %s", field, context).contains(field.canonical());
            } else if (expected.sure()) {
                assertThat(named).as("%s should not be rejected: %s", field, context).doesNotContain(field.canonical());
                if (result.accepted()) {
                    assertThat(stored(result.row(), field)).as("%s: %s", field, context).isEqualTo(expected.value());
                }
            } else if (result.accepted()) {
                assertInDirectoryForm(field, stored(result.row(), field), context);
            }
        }
        if (result.accepted()) {
            assertStorable(result.row(), context);
        }
    }

    /** What a field must become: a value (null for absent), an error naming it, or, for hostile values, unknown. */
    record Expected(boolean error, boolean sure, Object value) {
        static final Expected ERROR = new Expected(true, false, null);
        static final Expected UNKNOWN = new Expected(false, false, null);

        static Expected of(Object value) {
            return new Expected(false, true, value);
        }
    }

    private static Map<ImportField, Expected> expectations(Map<ImportField, Cell> cells) {
        Map<ImportField, Expected> expected = new EnumMap<>(ImportField.class);
        TEXT.forEach((field, max) -> expected.put(field, text(cells.get(field), max, REQUIRED.contains(field))));
        for (ImportField field : VALID.keySet()) {
            Cell cell = cells.get(field);
            Expected absent = field == ImportField.COUNTRY ? Expected.ERROR : Expected.of(null);
            expected.put(field, cell == null ? absent : cell.valid() ? Expected.of(cell.expected()) : Expected.UNKNOWN);
        }
        Cell title = given(cells.get(ImportField.CREDENTIAL_TITLE));
        Cell issuer = given(cells.get(ImportField.CREDENTIAL_ISSUER));
        boolean listed = cells.containsKey(ImportField.CREDENTIALS);
        if (title == null && issuer == null) {
            expected.put(ImportField.CREDENTIAL_TITLE, listed ? Expected.UNKNOWN : Expected.ERROR);
            // Without a credential of their own, the row's year, status and date are not read.
            for (ImportField ignored : List.of(ImportField.CREDENTIAL_YEAR, ImportField.CREDENTIAL_STATUS,
                    ImportField.CREDENTIAL_VERIFIED_ON)) {
                expected.put(ignored, Expected.UNKNOWN);
            }
        } else {
            // Each is required with the other; when the other is refused outright, there is no credential to
            // miss it from.
            Expected titleText = text(title, Integer.MAX_VALUE, true);
            Expected issuerText = text(issuer, Integer.MAX_VALUE, true);
            expected.put(ImportField.CREDENTIAL_TITLE, titleText.sure() || title == null && issuerText.error()
                    ? Expected.UNKNOWN : titleText);
            expected.put(ImportField.CREDENTIAL_ISSUER, issuerText.sure() || issuer == null && titleText.error()
                    ? Expected.UNKNOWN : issuerText);
        }
        for (ImportField unknown : List.of(ImportField.CREDENTIALS, ImportField.OPENING_HOURS, ImportField.TIME_ZONE)) {
            if (cells.containsKey(unknown)) {
                expected.put(unknown, Expected.UNKNOWN);
            }
        }
        Cell latitude = cells.get(ImportField.LATITUDE);
        Cell longitude = cells.get(ImportField.LONGITUDE);
        expected.put(ImportField.LATITUDE, latitude == null && longitude == null ? Expected.of(null)
                : latitude != null && latitude.valid() && longitude != null && longitude.valid()
                        ? Expected.of(latitude.expected()) : Expected.UNKNOWN);
        expected.put(ImportField.LONGITUDE, latitude == null && longitude == null ? Expected.of(null)
                : latitude != null && latitude.valid() && longitude != null && longitude.valid()
                        ? Expected.of(longitude.expected()) : Expected.UNKNOWN);
        return expected;
    }

    /** The cell, or null where the file gives nothing: no value, or a blank one. */
    private static Cell given(Cell cell) {
        return cell == null || cell.given() == null || cell.given() instanceof String s && s.isBlank() ? null : cell;
    }

    /**
     * The documented rule for text: blank is absent; a NUL or half a surrogate pair is refused; whitespace runs
     * become one space, ends are trimmed, control characters dropped; what is left must not be empty when the
     * field is required, nor longer than the field takes.
     */
    private static Expected text(Cell cell, int max, boolean required) {
        if (given(cell) == null) {
            return required ? Expected.ERROR : Expected.of(null);
        }
        if (!(cell.given() instanceof String given)) {
            return cell.given() instanceof Collection || cell.given() instanceof Map ? Expected.ERROR
                    : Expected.of(cell.given().toString());
        }
        if (given.indexOf('\u0000') >= 0 || hasHalfPair(given)) {
            return Expected.ERROR;
        }
        String tidy = tidy(given);
        if (tidy.isEmpty()) {
            return required ? Expected.ERROR : Expected.of(null);
        }
        return tidy.codePointCount(0, tidy.length()) > max ? Expected.ERROR : Expected.of(tidy);
    }

    private static String tidy(String text) {
        String spaced = SPACES.matcher(text).replaceAll(" ");
        return CONTROLS.matcher(spaced).replaceAll("").replaceAll(" +", " ").strip();
    }

    private static boolean hasHalfPair(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Object stored(NormalisedRow row, ImportField field) {
        return switch (field) {
            case EXTERNAL_ID -> row.externalId();
            case NAME -> row.name();
            case ADDRESS_LINE1 -> row.addressLines().isEmpty() ? null : row.addressLines().get(0);
            case ADDRESS_LINE2 -> row.addressLines().size() < 2 ? null : row.addressLines().get(1);
            case CITY -> row.city();
            case REGION -> row.region();
            case POSTAL_CODE -> row.postalCode();
            case COUNTRY -> row.country();
            case KIND -> row.kind();
            case PROFESSION -> row.profession();
            case PHONE -> row.phone();
            case EMAIL -> row.email();
            case WEBSITE -> row.website();
            case TREATMENTS -> row.treatments();
            case LANGUAGES -> row.languages();
            case DEVICES -> row.devices();
            case NEEDLE_DEPTH_MM -> row.needleDepthMin() == null ? null
                    : List.of(row.needleDepthMin(), row.needleDepthMax());
            case NUMBING -> row.numbing();
            case LATITUDE -> row.latitude();
            case LONGITUDE -> row.longitude();
            case CREDENTIAL_YEAR -> ownCredential(row) == null ? null : ownCredential(row).year();
            case CREDENTIAL_STATUS -> ownCredential(row) == null ? null : ownCredential(row).status();
            case CREDENTIAL_VERIFIED_ON -> ownCredential(row) == null ? null : ownCredential(row).verifiedOn();
            case CREDENTIAL_TITLE, CREDENTIAL_ISSUER, CREDENTIALS -> row.credentials();
            case OPENING_HOURS, TIME_ZONE -> row.openingHours();
            default -> throw new IllegalArgumentException(field.toString());
        };
    }

    /** The credential of the row's own columns: the last one, after any from a credentials list. */
    private static TrainingCredential ownCredential(NormalisedRow row) {
        return row.credentials().isEmpty() ? null : row.credentials().get(row.credentials().size() - 1);
    }

    private static void assertInDirectoryForm(ImportField field, Object value, String context) {
        if (value == null) {
            return;
        }
        String as = field + " in the directory's form: " + context;
        switch (field) {
            case COUNTRY -> assertThat((String) value).as(as).matches("[A-Z]{2}");
            case KIND -> assertThat(value).as(as).isIn("clinic", "practitioner");
            case PROFESSION -> assertThat(Vocabularies.INSTANCE.professions().slugs()).as(as).contains((String) value);
            case PHONE -> assertThat((String) value).as(as).matches(E164);
            case EMAIL -> assertThat((String) value).as(as).matches(EMAIL);
            case WEBSITE -> assertThat((String) value).as(as).matches(WEBSITE);
            case TREATMENTS -> assertThat(Vocabularies.INSTANCE.treatments().slugs()).as(as)
                    .containsAll(strings(value));
            case DEVICES -> assertThat(Vocabularies.INSTANCE.devices().slugs()).as(as).containsAll(strings(value));
            case LANGUAGES -> assertThat(strings(value)).as(as).allMatch(code -> code.matches("[a-z]{2}"));
            case NEEDLE_DEPTH_MM -> assertThat(strings(value)).as(as).allMatch(depth ->
                    new BigDecimal(depth).compareTo(new BigDecimal("0.1")) >= 0
                            && new BigDecimal(depth).compareTo(new BigDecimal("3.0")) <= 0);
            case LATITUDE -> assertThat((Double) value).as(as).isBetween(-90.0, 90.0);
            case LONGITUDE -> assertThat((Double) value).as(as).isBetween(-180.0, 180.0);
            case CREDENTIAL_YEAR -> assertThat((Integer) value).as(as).isBetween(1950, LocalDate.now().getYear());
            case CREDENTIAL_STATUS -> assertThat(value).as(as).isIn("unverified", "verified", "expired");
            case CREDENTIAL_VERIFIED_ON -> assertThat((LocalDate) value).as(as).isBeforeOrEqualTo(LocalDate.now());
            case CREDENTIAL_TITLE, CREDENTIAL_ISSUER, CREDENTIALS -> ((List<?>) value).forEach(item -> {
                TrainingCredential credential = (TrainingCredential) item;
                assertThat(credential.title()).as(as).isNotBlank().isEqualTo(tidy(credential.title()));
                assertThat(credential.issuer()).as(as).isNotBlank().isEqualTo(tidy(credential.issuer()));
            });
            case OPENING_HOURS, TIME_ZONE -> {
                WeeklyHours hours = (WeeklyHours) value;
                assertThat(ZoneId.of(hours.timeZone()).getId()).as(as).isEqualTo(hours.timeZone());
                assertThat(hours.periods()).as(as).isNotEmpty();
            }
            default -> fail("no rule for " + as);
        }
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toList();
    }

    /** Every text the row holds survives UTF-8, which is how the database receives it, unchanged. */
    private static void assertStorable(Object value, String context) {
        if (value instanceof String text) {
            assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).as(context)
                    .isEqualTo(text).doesNotContain("\u0000");
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> assertStorable(item, context));
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    assertStorable(component.getAccessor().invoke(record), context);
                } catch (ReflectiveOperationException e) {
                    fail("cannot read " + component, e);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Map<ImportField, Cell>>> rows() {
        return row().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> blankLines() {
        return Arbitraries.integers().between(0, 2).list().ofSize(4);
    }

    private static Arbitrary<Map<ImportField, Cell>> row() {
        List<Arbitrary<Tuple.Tuple2<ImportField, Cell>>> cells = new ArrayList<>();
        TEXT.keySet().forEach(field -> cells.add(textCell(REQUIRED.contains(field) ? 1 : 4).map(c -> Tuple.of(field, c))));
        cells.add(textCell(1).map(c -> Tuple.of(ImportField.CREDENTIAL_TITLE, c)));
        cells.add(textCell(1).map(c -> Tuple.of(ImportField.CREDENTIAL_ISSUER, c)));
        VALID.forEach((field, values) -> cells.add(otherCell(values).map(c -> Tuple.of(field, c))));
        cells.add(coordinate(51.5074).map(c -> Tuple.of(ImportField.LATITUDE, c)));
        cells.add(coordinate(-0.1278).map(c -> Tuple.of(ImportField.LONGITUDE, c)));
        cells.add(credentialsList().map(c -> Tuple.of(ImportField.CREDENTIALS, c)));
        cells.add(openingHours().map(c -> Tuple.of(ImportField.OPENING_HOURS, c)));
        cells.add(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just((Cell) null)),
                Tuple.of(1, Arbitraries.just(new Cell("Europe/London", false, null))),
                Tuple.of(1, HostileText.strings().map(text -> new Cell(text, false, null))))
                .map(c -> Tuple.of(ImportField.TIME_ZONE, c)));
        return Combinators.combine(cells).as(tuples -> {
            Map<ImportField, Cell> row = new EnumMap<>(ImportField.class);
            tuples.stream().filter(tuple -> tuple.get2() != null).forEach(tuple -> row.put(tuple.get1(), tuple.get2()));
            return row;
        });
    }

    /** Absent (by the given weight against 17), plain text, hostile text, a number, a list or an object. */
    private static Arbitrary<Cell> textCell(int absentWeight) {
        return Arbitraries.frequencyOf(
                Tuple.of(absentWeight, Arbitraries.just(null)),
                Tuple.of(6, Arbitraries.of("Harbour Skin Clinic", "  Zürich  Nord ", "SW1A 1AA", "Dr. Åsa Öberg",
                        "Unit 4\nHarbour Yard", "Diploma in Skin Needling").map(text -> new Cell(text, true, null))),
                Tuple.of(10, HostileText.strings().map(text -> new Cell(text, false, null))),
                Tuple.of(1, Arbitraries.of(new Cell(42, false, null), new Cell(List.of("a"), false, null),
                        new Cell(Map.of("x", 1), false, null))));
    }

    private static Arbitrary<Cell> otherCell(List<Tuple.Tuple2<Object, Object>> valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.of(valid).map(pair -> new Cell(pair.get1(), true, pair.get2()))),
                Tuple.of(3, HostileText.strings().map(text -> new Cell(text, false, null))),
                Tuple.of(1, Arbitraries.of(new Cell(1e300, false, null), new Cell(-0.0, false, null),
                        new Cell(List.of("a", 1), false, null), new Cell(Map.of(), false, null))));
    }

    private static Arbitrary<Cell> coordinate(double valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(null)),
                Tuple.of(3, Arbitraries.of(new Cell(String.valueOf(valid), true, valid),
                        new Cell(String.valueOf(valid).replace('.', ','), true, valid), new Cell(valid, true, valid))),
                Tuple.of(2, HostileText.strings().map(text -> new Cell(text, false, null))),
                Tuple.of(2, Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e400"), 1e300, 90.0000001,
                        Double.MIN_VALUE, new BigDecimal("9".repeat(400))).map(number -> new Cell(number, false, null))));
    }

    private static Arbitrary<Cell> credentialsList() {
        Arbitrary<Object> text = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("Diploma", "Skin Academy")),
                Tuple.of(3, HostileText.strings().map(Object.class::cast)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(null)),
                Tuple.of(2, Combinators.combine(text, text).as((title, issuer) ->
                        new Cell(List.of(Map.of("title", title, "issuer", issuer, "year", 2021)), false, null))),
                Tuple.of(1, Arbitraries.just(new Cell("Diploma|Academy", false, null))));
    }

    private static Arbitrary<Cell> openingHours() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.of("Mo-Fr 09:00-17:30; Sa 10:00-14:00", "Mo 25:00-26:00")
                        .map(text -> new Cell(text, false, null))),
                Tuple.of(2, HostileText.strings().map(text -> new Cell(text, false, null))),
                Tuple.of(1, HostileText.strings().map(text -> new Cell(Map.of("periods",
                        List.of(Map.of("day", text, "opens", "09:00", "closes", text))), false, null))));
    }

    /** The row as one line of NDJSON, every character outside printable ASCII escaped, as JSON allows. */
    private static String json(Map<ImportField, Cell> row) {
        return row.entrySet().stream()
                .map(entry -> quote(entry.getKey().canonical()) + ":" + json(entry.getValue().given()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String json(Object value) {
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof List<?> items) {
            return items.stream().map(ImportRowPropertyTest::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Map<?, ?> object) {
            return object.entrySet().stream().map(entry -> quote(entry.getKey().toString()) + ":" + json(entry.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof BigDecimal number) {
            return number.toString();
        }
        return Objects.toString(value);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
