package org.clinicfinder.search;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProviderDetailResourceTest extends DirectoryTest {

    @Test
    void shouldShowEverythingPublicAboutAProvider() {
        UUID id = providers.provider("Harbourside Skin Clinic").profession("dermatologist")
                .addressLines("14 Sir John Rogerson's Quay", "2nd Floor")
                .in("Dublin", "Leinster", "IE", 53.3458, -6.2435).postalCode("D02 X285")
                .phone("+35315550123").email("hello@harbourside-skin.example")
                .website("https://harbourside-skin.example")
                .treatments("acne-scars", "skin-rejuvenation").languages("en", "ga")
                .devices("automated-pen", "radiofrequency").needleDepth("0.25", "2.5").numbing(true)
                .openingHours("{\"timeZone\":\"Europe/Dublin\",\"periods\":[{\"day\":\"monday\",\"opens\":\"09:00\","
                        + "\"closes\":\"17:30\"},{\"day\":\"saturday\",\"opens\":\"10:00\",\"closes\":\"14:00\"}]}")
                .credential("Advanced Collagen Induction Therapy", "Irish Academy of Aesthetic Practice", 2022,
                        "verified", "2024-03-18")
                .credential("Diploma in Skin Needling", "Academy of Advanced Skin Needling", 2016, "expired",
                        "2019-05-01")
                .insert();

        api().get("/api/v1/providers/" + id).then().statusCode(200)
                .body("id", equalTo(id.toString()))
                .body("name", equalTo("Harbourside Skin Clinic"))
                .body("kind", equalTo("clinic"))
                .body("profession", equalTo("dermatologist"))
                .body("address.lines", contains("14 Sir John Rogerson's Quay", "2nd Floor"))
                .body("address.city", equalTo("Dublin"))
                .body("address.postalCode", equalTo("D02 X285"))
                .body("address.country", equalTo("IE"))
                .body("location.lat", equalTo(53.3458f))
                .body("location.lon", equalTo(-6.2435f))
                .body("phone", equalTo("+35315550123"))
                .body("email", equalTo("hello@harbourside-skin.example"))
                .body("website", equalTo("https://harbourside-skin.example"))
                .body("treatments", contains("acne-scars", "skin-rejuvenation"))
                .body("languages", contains("en", "ga"))
                .body("devices", contains("automated-pen", "radiofrequency"))
                .body("needleDepthMm.min", equalTo(0.25f))
                .body("needleDepthMm.max", equalTo(2.5f))
                .body("numbingOffered", equalTo(true))
                .body("openingHours.timeZone", equalTo("Europe/Dublin"))
                .body("openingHours.periods", hasSize(2))
                .body("openingHours.periods[1].day", equalTo("saturday"))
                .body("openingHours.periods[1].opens", equalTo("10:00"))
                .body("credentials", hasSize(2))
                .body("credentials[0].title", equalTo("Advanced Collagen Induction Therapy"))
                .body("credentials[0].issuer", equalTo("Irish Academy of Aesthetic Practice"))
                .body("credentials[0].year", equalTo(2022))
                .body("credentials[0].status", equalTo("verified"))
                .body("credentials[0].verifiedOn", equalTo("2024-03-18"))
                .body("credentials[1].status", equalTo("expired"))
                .body("verified", equalTo(true))
                .body("updatedAt", notNullValue());
    }

    @Test
    void shouldLeaveUnknownDetailsOut() {
        UUID id = providers.provider("Plain Practice").at(null, null).phone(null).insert();

        api().get("/api/v1/providers/" + id).then().statusCode(200)
                .body("location", nullValue())
                .body("phone", nullValue())
                .body("openingHours", nullValue())
                .body("needleDepthMm", nullValue())
                .body("verified", equalTo(false));
    }

    @Test
    void shouldNotFindUnpublishedOrUnknownProviders() {
        UUID hidden = providers.provider("Withdrawn Clinic").unpublished().insert();

        api().get("/api/v1/providers/" + hidden).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found"))
                .body("detail", equalTo("No published provider has the id " + hidden + "."));
        api().get("/api/v1/providers/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldAcceptAnIdInCapitals() {
        UUID id = providers.provider("Loud Clinic").insert();
        api().get("/api/v1/providers/" + id.toString().toUpperCase()).then().statusCode(200)
                .body("id", equalTo(id.toString()));
    }
}
