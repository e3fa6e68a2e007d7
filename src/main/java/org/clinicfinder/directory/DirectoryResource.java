package org.clinicfinder.directory;

import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.DirectoryApi;
import org.clinicfinder.api.model.CountryList;
import org.clinicfinder.api.model.TreatmentList;
import org.clinicfinder.common.Languages;

/** GET /api/v1/countries and /api/v1/treatments, as declared in openapi.yaml. */
// The generated interface carries the full path of each operation.
@Path("/")
public class DirectoryResource implements DirectoryApi {

    @Inject
    DirectoryService directory;

    @Context
    HttpServerResponse response;

    @Override
    public CountryList listCountries(String acceptLanguage) {
        return new CountryList(directory.countries(language(acceptLanguage)));
    }

    @Override
    public TreatmentList listTreatments(String acceptLanguage) {
        return new TreatmentList(directory.treatments(language(acceptLanguage)));
    }

    private Locale language(String acceptLanguage) {
        Locale language = Languages.negotiate(acceptLanguage);
        response.putHeader(HttpHeaders.CONTENT_LANGUAGE, language.toLanguageTag());
        return language;
    }
}
