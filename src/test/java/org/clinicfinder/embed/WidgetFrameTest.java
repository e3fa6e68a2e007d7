package org.clinicfinder.embed;

import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WidgetFrameTest {

    private static final String PARTNER_PAGE = "https://clinics.partner.example/find";

    @Inject
    PartnerService partners;

    private String key;

    @BeforeEach
    void partner() {
        key = partners.add("Framing partner", List.of("https://clinics.partner.example"), RatePolicy.valueOf("60/min"), "test")
                .key();
    }

    @Test
    void shouldServeTheFrameOnlyToTheKeysOriginsWithTheWidgetConfigured() {
        api().header("Referer", PARTNER_PAGE)
                .get("/embed/v1/frame?key=" + key + "&country=gb&treatment=acne-scars&lang=fr&verified=true")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", allOf(
                        containsString("frame-ancestors https://clinics.partner.example http://localhost:"),
                        containsString("script-src 'self'"), containsString("default-src 'none'")))
                .header("Cache-Control", "no-store")
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("<script src=\"/embed/v1/clinic-finder.js\" defer></script>"))
                .body(containsString("<clinic-finder api-key=\"" + key + "\" country=\"GB\" treatment=\"acne-scars\""
                        + " lang=\"fr\" verified=\"true\" resize-parent-origin=\"https://clinics.partner.example\">"));
    }

    @Test
    void shouldRefuseTheFrameElsewhereWithAPageSayingWhy() {
        api().header("Referer", "https://copycat.example/").get("/embed/v1/frame?key=" + key).then().statusCode(403)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors *"))
                .body(containsString("not allowed to show this search"))
                .body(not(containsString("api-key")));
        api().get("/embed/v1/frame?key=" + key).then().statusCode(403);
    }

    @Test
    void shouldRefuseAnUnknownKeyWithAPageSayingWhy() {
        api().header("Referer", PARTNER_PAGE).get("/embed/v1/frame?key=" + PartnerKeys.generate()).then()
                .statusCode(401)
                .contentType(containsString("text/html"))
                .body(containsString("its key is unknown or has been revoked"));
    }

    @Test
    void shouldRefuseMalformedParametersAsTheContractSays() {
        api().get("/embed/v1/frame?key=pk_%3Cscript%3E&lang=xx").then().statusCode(400)
                .body("errors.name", org.hamcrest.Matchers.containsInAnyOrder("key", "lang"));
        api().get("/embed/v1/frame").then().statusCode(400).body("errors[0].name", equalTo("key"));
    }
}
