package org.clinicfinder.directory;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class DirectoryResourceTest extends DirectoryTest {

    @BeforeEach
    void directoryInThreeCountries() {
        providers.provider("London One").insert();
        providers.provider("London Two").insert();
        providers.provider("Berlin").in("Berlin", "Berlin", "DE", 52.52, 13.405).insert();
        providers.provider("Cape Town").in("Cape Town", "Western Cape", "ZA", -33.9249, 18.4241).insert();
        providers.provider("Hidden Dublin").in("Dublin", "Leinster", "IE", 53.3498, -6.2603).unpublished().insert();
    }

    @Test
    void shouldListCountriesWithPublishedProvidersInEnglishByDefault() {
        api().get("/api/v1/countries").then().statusCode(200)
                .header("Content-Language", "en")
                .header("Vary", org.hamcrest.Matchers.containsString("Accept-Language"))
                .body("items.code", contains("DE", "ZA", "GB"))
                .body("items.name", contains("Germany", "South Africa", "United Kingdom"))
                .body("items.providerCount", contains(1, 1, 2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "de-CH, de;q=0.9, en;q=0.5 | de | Deutschland,Südafrika,Vereinigtes Königreich | DE,ZA,GB",
            "fr                        | fr | Afrique du Sud,Allemagne,Royaume-Uni          | ZA,DE,GB",
            "es-ES                     | es | Alemania,Reino Unido,Sudáfrica                 | DE,GB,ZA",
            "ja, zh;q=0.8              | en | Germany,South Africa,United Kingdom            | DE,ZA,GB",
            "not a language tag!!      | en | Germany,South Africa,United Kingdom            | DE,ZA,GB"})
    void shouldNameCountriesInTheLanguageAskedFor(String acceptLanguage, String language, String names,
            String codes) {
        api().header("Accept-Language", acceptLanguage).get("/api/v1/countries").then().statusCode(200)
                .header("Content-Language", language)
                .body("items.name", contains(names.split(",")))
                .body("items.code", contains(codes.split(",")));
    }

    @Test
    void shouldListEveryTreatmentWithLabels() {
        api().get("/api/v1/treatments").then().statusCode(200)
                .header("Content-Language", "en")
                .body("items", hasSize(7))
                .body("items.slug", contains("acne-scars", "wrinkles", "stretch-marks", "surgical-scars",
                        "pigmentation", "hair-loss", "skin-rejuvenation"))
                .body("items[0].label", equalTo("Acne scars"))
                .body("items[2].label", equalTo("Stretch marks"));
    }

    @ParameterizedTest
    @CsvSource({"de, Aknenarben, Dehnungsstreifen", "fr, Cicatrices d'acné, Vergetures",
            "es, Cicatrices de acné, Estrías", "pt, Acne scars, Stretch marks"})
    void shouldLabelTreatmentsInTheLanguageAskedFor(String language, String acne, String stretch) {
        api().header("Accept-Language", language).get("/api/v1/treatments").then().statusCode(200)
                .body("items[0].label", equalTo(acne))
                .body("items[2].label", equalTo(stretch));
    }
}
