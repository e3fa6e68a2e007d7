package org.clinicfinder.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import java.util.List;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.provider.SampleDirectory;
import org.clinicfinder.testing.TestProviders;
import org.junit.jupiter.api.Test;

/** The sample directory that scripts/run loads makes every endpoint answer something useful. */
@QuarkusTest
class SampleDirectoryTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SampleDirectory sample;

    @Test
    void shouldCoverEveryCountryOfTheQuickstartWithRealCities() {
        TestProviders providers = new TestProviders(dataSource);
        providers.deleteAll();
        providers.execute("DROP TABLE IF EXISTS sample_data_history");
        sample.load();

        List<String> countries = api().get("/api/v1/countries").then().statusCode(200)
                .extract().jsonPath().getList("items.code");
        assertThat(countries).contains("GB", "IE", "AU", "NZ", "ZA", "US", "CA", "DE").hasSizeGreaterThanOrEqualTo(12);

        // Real coordinates: a search around Sydney's CBD finds Sydney providers first.
        api().queryParam("lat", -33.8688).queryParam("lon", 151.2093).queryParam("radiusKm", 20).get("/api/v1/providers")
                .then().statusCode(200)
                .body("items", not(empty()))
                .body("items[0].address.city", equalTo("Sydney"));
        String id = api().queryParam("q", "Zurich").get("/api/v1/providers").then().statusCode(200)
                .body("items[0].address.city", equalTo("Zürich"))
                .extract().jsonPath().getString("items[0].id");
        api().get("/api/v1/providers/" + id).then().statusCode(200).body("credentials.size()", greaterThan(0));
        api().queryParam("treatment", "stretch-marks").queryParam("facets", "country").get("/api/v1/providers")
                .then().statusCode(200).body("facets.country.size()", greaterThan(5));

        // Loading the same sample again changes nothing.
        sample.load();
        api().get("/api/v1/countries").then().statusCode(200).body("items.code", equalTo(countries));
        providers.deleteAll();
    }
}
