package org.clinicfinder.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ProviderSearchResourceTest extends DirectoryTest {

    static final String PATH = "/api/v1/providers";

    private List<String> names(Map<String, ?> query) {
        return api().queryParams(query).get(PATH).then().statusCode(200).extract().jsonPath().getList("items.name");
    }

    @Test
    void shouldFilterByOneOrSeveralCountries() {
        providers.provider("London Skin Clinic").insert();
        providers.provider("Dublin Skin Clinic").in("Dublin", "Leinster", "IE", 53.3498, -6.2603).insert();
        providers.provider("Berlin Hautzentrum").in("Berlin", "Berlin", "DE", 52.52, 13.405).insert();

        assertThat(names(Map.of("country", "IE"))).containsExactly("Dublin Skin Clinic");
        assertThat(names(Map.of("country", "gb"))).containsExactly("London Skin Clinic");
        List<String> both = api().queryParam("country", "IE", "DE").get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.name");
        assertThat(both).containsExactlyInAnyOrder("Dublin Skin Clinic", "Berlin Hautzentrum");
    }

    @Test
    void shouldFilterByCityIgnoringCaseAndAccents() {
        providers.provider("Hautzentrum am See").in("Zürich", "Zürich", "CH", 47.3769, 8.5417).insert();
        providers.provider("Clinique du Lac").in("Genève", "Genève", "CH", 46.2044, 6.1432).insert();

        assertThat(names(Map.of("city", "zurich"))).containsExactly("Hautzentrum am See");
        assertThat(names(Map.of("city", "ZÜRICH", "country", "CH"))).containsExactly("Hautzentrum am See");
        assertThat(names(Map.of("city", "Geneve"))).containsExactly("Clinique du Lac");
        assertThat(names(Map.of("city", "Zur"))).isEmpty();
    }

    @Test
    void shouldFilterByRegion() {
        providers.provider("Glasgow Skin Rooms").in("Glasgow", "Scotland", "GB", 55.8642, -4.2518).insert();
        providers.provider("Leeds Skin Rooms").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();

        assertThat(names(Map.of("region", "scotland"))).containsExactly("Glasgow Skin Rooms");
    }

    @Test
    void shouldRequireEveryTreatmentAsked() {
        providers.provider("Scars Only").treatments("acne-scars").insert();
        providers.provider("Scars And Stretch Marks").treatments("acne-scars", "stretch-marks").insert();
        providers.provider("Hair Only").treatments("hair-loss").insert();

        assertThat(names(Map.of("treatment", "acne-scars"))).containsExactly("Scars And Stretch Marks", "Scars Only");
        List<String> both = api().queryParam("treatment", "acne-scars", "stretch-marks").get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.name");
        assertThat(both).containsExactly("Scars And Stretch Marks");
    }

    @Test
    void shouldFilterByVerifiedCredential() {
        providers.provider("Checked Clinic").verified().insert();
        providers.provider("Unchecked Clinic").insert();
        providers.provider("Lapsed Clinic").credential("Diploma", "Academy", 2015, "expired", "2020-01-01").insert();

        assertThat(names(Map.of("verified", "true"))).containsExactly("Checked Clinic");
        assertThat(names(Map.of("verified", "false"))).containsExactly("Lapsed Clinic", "Unchecked Clinic");
        api().get(PATH).then().statusCode(200)
                .body("items.find { it.name == 'Checked Clinic' }.verified", equalTo(true))
                .body("items.find { it.name == 'Lapsed Clinic' }.verified", equalTo(false));
    }

    @Test
    void shouldFilterByLanguageAndKind() {
        providers.provider("Dr Anna Weber").kind("practitioner").languages("de", "en").insert();
        providers.provider("English Clinic").languages("en").insert();
        providers.provider("Clinique Bilingue").languages("fr", "en").insert();

        assertThat(names(Map.of("language", "de"))).containsExactly("Dr Anna Weber");
        assertThat(names(Map.of("language", "EN", "kind", "clinic"))).containsExactly("Clinique Bilingue",
                "English Clinic");
        assertThat(names(Map.of("kind", "practitioner"))).containsExactly("Dr Anna Weber");
    }

    @Test
    void shouldNeverShowUnpublishedProviders() {
        providers.provider("Listed Clinic").insert();
        providers.provider("Withdrawn Clinic").unpublished().insert();

        assertThat(names(Map.of())).containsExactly("Listed Clinic");
        assertThat(names(Map.of("q", "withdrawn"))).isEmpty();
        api().queryParam("facets", "country").get(PATH).then().statusCode(200)
                .body("facets.country[0].count", equalTo(1));
    }

    @Test
    void shouldFindAccentedNamesFromPlainText() {
        providers.provider("Hautzentrum Zürich").in("Zürich", "Zürich", "CH", 47.3769, 8.5417).insert();
        providers.provider("Clínica Dermatológica García").in("Málaga", "Andalucía", "ES", 36.7213, -4.4214)
                .insert();

        assertThat(names(Map.of("q", "Zurich"))).containsExactly("Hautzentrum Zürich");
        assertThat(names(Map.of("q", "ZÜRICH"))).containsExactly("Hautzentrum Zürich");
        assertThat(names(Map.of("q", "dermatologica garcia"))).containsExactly("Clínica Dermatológica García");
        assertThat(names(Map.of("q", "malaga"))).containsExactly("Clínica Dermatológica García");
        assertThat(names(Map.of("q", "andalucia"))).containsExactly("Clínica Dermatológica García");
    }

    @Test
    void shouldTolerateTyposAndMissingSpaces() {
        providers.provider("Derma Pen Clinic").in("Bristol", "England", "GB", 51.4545, -2.5879).insert();
        providers.provider("Harbour Aesthetics").in("Brighton", "England", "GB", 50.8225, -0.1372).insert();
        providers.provider("Unrelated Studio").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();

        assertThat(names(Map.of("q", "dermapen"))).containsExactly("Derma Pen Clinic");
        assertThat(names(Map.of("q", "Brigton"))).containsExactly("Harbour Aesthetics");
        assertThat(names(Map.of("q", "harbor aesthetic"))).containsExactly("Harbour Aesthetics");
        assertThat(names(Map.of("q", "xylophone"))).isEmpty();
    }

    @Test
    void shouldRankBestMatchesFirstForText() {
        providers.provider("Skin Studio").in("London", "England", "GB", 51.5074, -0.1278).insert();
        providers.provider("London Skin Clinic").in("Manchester", "England", "GB", 53.4808, -2.2426).insert();
        providers.provider("Manchester Laser Rooms").in("Manchester", "England", "GB", 53.4808, -2.2426).insert();

        // "London" is in the name of one and the city of another; a name match ranks higher.
        assertThat(names(Map.of("q", "london"))).containsExactly("London Skin Clinic", "Skin Studio");
        assertThat(names(Map.of("q", "london", "sort", "name"))).containsExactly("London Skin Clinic",
                "Skin Studio");
    }

    @Test
    void shouldRankNameBeginningThenNameWordsThenPlaceThenTheRest() {
        providers.provider("Zeta Skin Rooms").in("London", "England", "GB", 51.5074, -0.1278).insert();
        providers.provider("Alpha Aesthetics").in("London", "England", "GB", 51.5074, -0.1278).insert();
        providers.provider("Skin Lab London").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("Londoner Studio").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("London Skin Clinic").in("Manchester", "England", "GB", 53.4808, -2.2426).insert();
        providers.provider("Harbour Aesthetics").in("Croydon", "Greater London", "GB", 51.3762, -0.0982).insert();
        providers.provider("Leeds Laser Rooms").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();

        // The name begins with the search; the name holds it; the city is it; a word of the region is it.
        assertThat(names(Map.of("q", "london"))).containsExactly("London Skin Clinic", "Londoner Studio",
                "Skin Lab London", "Alpha Aesthetics", "Zeta Skin Rooms", "Harbour Aesthetics");
        assertThat(names(Map.of("q", "England"))).containsExactly("Alpha Aesthetics", "Leeds Laser Rooms",
                "London Skin Clinic", "Londoner Studio", "Skin Lab London", "Zeta Skin Rooms");
        assertThat(names(Map.of("q", "skin lab"))).containsExactly("Skin Lab London");
    }

    @Test
    void shouldFindWordsSpreadOverNameAndPlace() {
        providers.provider("Skin Studio").in("London", "England", "GB", 51.5074, -0.1278).insert();
        providers.provider("Skin Studio North").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("London Skin Clinic").in("Manchester", "England", "GB", 53.4808, -2.2426).insert();

        assertThat(names(Map.of("q", "skin london"))).containsExactly("London Skin Clinic", "Skin Studio");
        assertThat(names(Map.of("q", "skin studio leeds"))).containsExactly("Skin Studio North");
    }

    @Test
    void shouldTakeTheLastWordAsTheBeginningOfOne() {
        providers.provider("Skin Clinic Bristol").in("Bristol", "England", "GB", 51.4545, -2.5879).insert();
        providers.provider("Bristol Skin Clinic").in("Bristol", "England", "GB", 51.4545, -2.5879).insert();
        providers.provider("Skin Rooms").in("Bristol", "England", "GB", 51.4545, -2.5879).insert();

        assertThat(names(Map.of("q", "skin cli"))).containsExactly("Skin Clinic Bristol", "Bristol Skin Clinic");
        assertThat(names(Map.of("q", "brist"))).containsExactly("Bristol Skin Clinic", "Skin Clinic Bristol",
                "Skin Rooms");
    }

    @Test
    void shouldRankExactWordsBeforeSimilarlySpeltOnes() {
        providers.provider("Clinik Estetika").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("Skin Clinic").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("Clinic of Skin").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();

        assertThat(names(Map.of("q", "clinic"))).containsExactly("Clinic of Skin", "Skin Clinic", "Clinik Estetika");
        assertThat(names(Map.of("q", "clinik"))).containsExactly("Clinik Estetika", "Clinic of Skin", "Skin Clinic");
        assertThat(names(Map.of("q", "skin clinik leeds"))).containsExactly("Clinic of Skin", "Skin Clinic");
        assertThat(names(Map.of("q", "skin xylophone"))).isEmpty();
    }

    @Test
    void shouldFindARareWordAmongFrequentOnes() {
        for (int i = 0; i < 30; i++) {
            providers.provider("Skin Clinic " + i).insert();
        }
        providers.provider("Thornwick Skin Studio").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();

        assertThat(names(Map.of("q", "thornwick"))).containsExactly("Thornwick Skin Studio");
        assertThat(names(Map.of("q", "Thornwik"))).containsExactly("Thornwick Skin Studio");
        assertThat(names(Map.of("q", "thornwick skin studio"))).containsExactly("Thornwick Skin Studio");
        List<String> skin = names(Map.of("q", "skin", "limit", "100"));
        assertThat(skin).hasSize(31).endsWith("Thornwick Skin Studio");
        assertThat(skin.subList(0, 30)).allMatch(name -> name.startsWith("Skin Clinic "));
    }

    @Test
    void shouldPageAcrossRelevanceTiersInTheOrderOfOneLongPage() {
        for (int i = 0; i < 4; i++) {
            // Repeated names in every tier make ties that only the id breaks.
            providers.provider("Bristol Skin " + (i % 2)).in("Bath", "England", "GB", 51.38, -2.36).insert();
            providers.provider("Skin Bristol " + (i % 2)).in("Bath", "England", "GB", 51.38, -2.36).insert();
            providers.provider("Harbour Rooms " + (i % 2)).in("Bristol", "England", "GB", 51.45, -2.59).insert();
            providers.provider("Avon Clinic " + (i % 2)).in("Bristol Harbourside", "England", "GB", 51.45, -2.6)
                    .insert();
            providers.provider("Unrelated " + i).in("Bath", "England", "GB", 51.38, -2.36).insert();
        }
        List<String> whole = api().queryParam("q", "bristol").queryParam("limit", 100).get(PATH)
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(whole).hasSize(16);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = api().queryParam("q", "bristol").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < 100);
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void shouldTakeAPlaceFromCityAndRegionOnceEachInNameOrder() {
        // The city and the region are read from their own indexes and merged: a provider whose city and region
        // are both the search comes once, and paging walks both lists in one order.
        for (int i = 0; i < 3; i++) {
            providers.provider("Alpha Rooms " + i).in("Bristol", "Bristol", "GB", 51.45, -2.59).insert();
            providers.provider("Gamma Rooms " + i).in("Clifton", "Bristol", "GB", 51.46, -2.62).insert();
            providers.provider("Beta Rooms " + i).in("Bristol", "England", "GB", 51.45, -2.59).insert();
        }
        List<String> whole = names(Map.of("q", "bristol", "limit", 100));
        assertThat(whole).containsExactly("Alpha Rooms 0", "Alpha Rooms 1", "Alpha Rooms 2", "Beta Rooms 0",
                "Beta Rooms 1", "Beta Rooms 2", "Gamma Rooms 0", "Gamma Rooms 1", "Gamma Rooms 2");

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = api().queryParam("q", "bristol").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
        } while (cursor != null && paged.size() < 100);
        assertThat(paged).isEqualTo(whole);
    }

    @Test
    void shouldMatchTheLastWordsBeginningWhateverTheDirectorysWords() {
        // The last word's beginning is spelled out as the directory's words when it begins a few of them, and
        // kept as a beginning when it begins none or many: the same providers either way.
        providers.provider("Skin Clinic Bristol").in("Bristol", "England", "GB", 51.4545, -2.5879).insert();
        providers.provider("Skin Clinica Leeds").in("Leeds", "England", "GB", 53.8008, -1.5491).insert();
        providers.provider("Skin Rooms").in("Bath", "England", "GB", 51.38, -2.36).insert();
        for (int i = 0; i < 25; i++) {
            providers.provider("Skin D" + (char) ('a' + i) + "x Studio").insert();
        }

        assertThat(names(Map.of("q", "skin clinic"))).containsExactly("Skin Clinic Bristol", "Skin Clinica Leeds");
        assertThat(names(Map.of("q", "clinic skin"))).containsExactly("Skin Clinic Bristol", "Skin Clinica Leeds");
        assertThat(names(Map.of("q", "skin d", "limit", 100))).hasSize(25).allMatch(name -> name.startsWith("Skin D"));
    }

    @Test
    void shouldSortByNameIgnoringCaseAndAccentsByDefault() {
        providers.provider("beauty Rooms").insert();
        providers.provider("Ästhetik am Markt").insert();
        providers.provider("Zeta Skin").insert();
        providers.provider("Alpha Clinic").insert();

        assertThat(names(Map.of())).containsExactly("Alpha Clinic", "Ästhetik am Markt", "beauty Rooms", "Zeta Skin");
    }

    @Test
    void shouldOrderByDistanceWithinRadius() {
        // Central London, Croydon (~15 km), Brighton (~75 km), Cambridge (~80 km); one without a location.
        providers.provider("Central").in("London", "England", "GB", 51.5074, -0.1278).insert();
        providers.provider("Croydon").in("Croydon", "England", "GB", 51.3762, -0.0982).insert();
        providers.provider("Brighton").in("Brighton", "England", "GB", 50.8225, -0.1372).insert();
        providers.provider("Cambridge").in("Cambridge", "England", "GB", 52.2053, 0.1218).insert();
        providers.provider("Nowhere").at(null, null).insert();

        JsonPath near = api().queryParam("lat", 51.5007).queryParam("lon", -0.1246).get(PATH)
                .then().statusCode(200).extract().jsonPath();
        assertThat(near.getList("items.name")).containsExactly("Central", "Croydon");
        assertThat(near.getDouble("items[0].distanceKm")).isBetween(0.5, 1.0);
        assertThat(near.getDouble("items[1].distanceKm")).isBetween(13.0, 15.5);

        JsonPath wide = api().queryParam("lat", 51.5007).queryParam("lon", -0.1246).queryParam("radiusKm", 100)
                .get(PATH).then().statusCode(200).extract().jsonPath();
        assertThat(wide.getList("items.name")).containsExactly("Central", "Croydon", "Brighton", "Cambridge");
        List<Float> distances = wide.getList("items.distanceKm", Float.class);
        assertThat(distances).isSorted();
        assertThat(distances.get(2)).isBetween(70f, 78f);

        JsonPath byName = api().queryParam("lat", 51.5007).queryParam("lon", -0.1246).queryParam("radiusKm", 100)
                .queryParam("sort", "name").get(PATH).then().statusCode(200).extract().jsonPath();
        assertThat(byName.getList("items.name")).containsExactly("Brighton", "Cambridge", "Central", "Croydon");
        assertThat(byName.getList("items.distanceKm")).doesNotContainNull();
    }

    @Test
    void shouldLeaveDistanceOutWithoutAPoint() {
        providers.provider("Central").insert();
        api().get(PATH).then().statusCode(200).body("items[0].distanceKm", nullValue())
                .body("items[0].location.lat", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "distance", "relevance"})
    void shouldWalkTheWholeResultSetByCursor(String sort) {
        List<UUID> inserted = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            // Repeated names and places make ties that only the id can break.
            inserted.add(providers.provider("Skin Clinic " + (i % 7))
                    .at(51.5 + (i % 5) * 0.01, -0.12 + (i % 3) * 0.01).insert());
        }
        providers.provider("Elsewhere Studio").in("Sydney", "New South Wales", "AU", -33.8688, 151.2093).insert();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = api().queryParam("sort", sort).queryParam("limit", 10)
                    .queryParam("lat", 51.5).queryParam("lon", -0.12).queryParam("q", "skin clinic");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(PATH).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);

        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(47).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(inserted.stream().map(UUID::toString).toList()));
    }

    @Test
    void shouldPageTwentyByDefaultAndUpToOneHundred() {
        for (int i = 0; i < 105; i++) {
            providers.provider("Clinic " + i).insert();
        }
        api().get(PATH).then().statusCode(200).body("items", hasSize(20)).body("nextCursor", notNullValue());
        api().queryParam("limit", 100).get(PATH).then().statusCode(200).body("items", hasSize(100));
        api().queryParam("limit", 1).get(PATH).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldCountFacetsUnderTheCurrentFilters() {
        providers.provider("A").treatments("acne-scars", "wrinkles").languages("en", "ga")
                .in("Dublin", "Leinster", "IE", 53.3498, -6.2603).insert();
        providers.provider("B").treatments("acne-scars").languages("en").kind("practitioner")
                .in("Cork", "Munster", "IE", 51.8985, -8.4756).insert();
        providers.provider("C").treatments("hair-loss").languages("en").insert();
        providers.provider("D").treatments("acne-scars").languages("de").in("Berlin", "Berlin", "DE", 52.52, 13.405)
                .insert();

        api().queryParam("treatment", "acne-scars").queryParam("facets", "country,treatment,language,kind")
                .get(PATH).then().statusCode(200)
                .body("facets.country.value", contains("IE", "DE"))
                .body("facets.country.count", contains(2, 1))
                .body("facets.treatment.value", contains("acne-scars", "wrinkles"))
                .body("facets.treatment.count", contains(3, 1))
                .body("facets.language.value", contains("en", "de", "ga"))
                .body("facets.language.count", contains(2, 1, 1))
                .body("facets.kind.value", contains("clinic", "practitioner"))
                .body("facets.kind.count", contains(2, 1));

        api().queryParam("facets", "kind").queryParam("country", "IE").get(PATH).then().statusCode(200)
                .body("facets.kind.value", containsInAnyOrder("clinic", "practitioner"))
                .body("facets.country", nullValue())
                .body("facets.treatment", nullValue());
        api().queryParam("country", "IE").get(PATH).then().statusCode(200).body("facets", nullValue());
    }

    @Test
    void shouldCountFacetsOfCountriesKindsAndVerificationAsTheDirectoryChanges() {
        providers.provider("A").treatments("acne-scars", "wrinkles").languages("en", "ga").verified()
                .in("Dublin", "Leinster", "IE", 53.3498, -6.2603).insert();
        UUID cork = providers.provider("B").treatments("wrinkles").languages("en").kind("practitioner")
                .in("Cork", "Munster", "IE", 51.8985, -8.4756).insert();
        providers.provider("C").treatments("hair-loss").languages("en").insert();
        providers.provider("D").treatments("pigmentation").languages("de").unpublished()
                .in("Berlin", "Berlin", "DE", 52.52, 13.405).insert();

        api().queryParam("country", "IE", "GB").queryParam("facets", "country,treatment,language,kind")
                .get(PATH).then().statusCode(200)
                .body("facets.country.value", contains("IE", "GB"))
                .body("facets.country.count", contains(2, 1))
                .body("facets.treatment.value", contains("wrinkles", "acne-scars", "hair-loss"))
                .body("facets.treatment.count", contains(2, 1, 1))
                .body("facets.language.value", contains("en", "ga"))
                .body("facets.language.count", contains(3, 1))
                .body("facets.kind.value", contains("clinic", "practitioner"))
                .body("facets.kind.count", contains(2, 1));
        api().queryParam("kind", "clinic").queryParam("verified", true).queryParam("facets", "country,treatment")
                .get(PATH).then().statusCode(200)
                .body("facets.country.value", contains("IE"))
                .body("facets.treatment.value", contains("acne-scars", "wrinkles"));

        providers.execute("UPDATE provider SET published = false WHERE id = '" + cork + "'");
        providers.execute("UPDATE provider SET published = true, languages = '{de,en}' WHERE name = 'D'");
        api().queryParam("facets", "country,language,kind").get(PATH).then().statusCode(200)
                .body("facets.country.value", contains("DE", "GB", "IE"))
                .body("facets.country.count", contains(1, 1, 1))
                .body("facets.language.value", contains("en", "de", "ga"))
                .body("facets.language.count", contains(3, 1, 1))
                .body("facets.kind.value", contains("clinic"))
                .body("facets.kind.count", contains(3));
    }

    @Test
    void shouldAnswerAnEmptyPageWhenNothingMatches() {
        api().queryParam("country", "NZ").queryParam("facets", "country").get(PATH).then().statusCode(200)
                .body("items", empty())
                .body("nextCursor", nullValue())
                .body("facets.country", empty());
    }

    @Test
    void shouldDescribeEachProviderInTheList() {
        providers.provider("Harbourside Skin Clinic").profession("dermatologist")
                .in("Dublin", "Leinster", "IE", 53.3458, -6.2435).postalCode("D02 X285")
                .phone("+35315550123").website("https://harbourside-skin.example")
                .treatments("acne-scars", "skin-rejuvenation").languages("en", "ga").verified().insert();

        api().get(PATH).then().statusCode(200)
                .body("items[0].name", equalTo("Harbourside Skin Clinic"))
                .body("items[0].kind", equalTo("clinic"))
                .body("items[0].profession", equalTo("dermatologist"))
                .body("items[0].address.city", equalTo("Dublin"))
                .body("items[0].address.region", equalTo("Leinster"))
                .body("items[0].address.postalCode", equalTo("D02 X285"))
                .body("items[0].address.country", equalTo("IE"))
                .body("items[0].location.lat", equalTo(53.3458f))
                .body("items[0].phone", equalTo("+35315550123"))
                .body("items[0].website", equalTo("https://harbourside-skin.example"))
                .body("items[0].treatments", contains("acne-scars", "skin-rejuvenation"))
                .body("items[0].languages", contains("en", "ga"))
                .body("items[0].verified", equalTo(true));
    }
}
