package org.clinicfinder.admin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.AdminPartnersApi;
import org.clinicfinder.api.model.NewPartner;
import org.clinicfinder.api.model.Partner;
import org.clinicfinder.api.model.PartnerChange;
import org.clinicfinder.api.model.PartnerInput;
import org.clinicfinder.api.model.PartnerList;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;
import org.clinicfinder.embed.PartnerService;
import org.clinicfinder.embed.PartnersConfig;
import org.clinicfinder.embed.RatePolicy;

/** Partners and their keys over HTTP, as declared in openapi.yaml; for the admin role. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.ADMIN_ROLE)
public class AdminPartnersResource implements AdminPartnersApi {

    @Inject
    PartnerService partners;

    @Inject
    PartnersConfig config;

    @Inject
    SecurityIdentity identity;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServerResponse response;

    @Override
    public PartnerList listPartners() {
        return new PartnerList(partners.list().stream().map(AdminPartnersResource::partner).toList());
    }

    @Override
    public NewPartner createPartner(PartnerInput input) {
        if (input == null) {
            throw ProblemException.invalidBody("body", "is required: the partner's name and origins");
        }
        RatePolicy rate = input.getRate() == null ? config.defaultRate() : rate(input.getRate());
        PartnerService.NewPartner added;
        try {
            added = partners.add(input.getName(), input.getOrigins(), rate, actor());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidBody(e.getMessage().contains("origin") ? "origins" : "name", e.getMessage());
        }
        PartnerService.PartnerView view = added.partner();
        response.putHeader(HttpHeaders.LOCATION,
                uriInfo.getBaseUriBuilder().path("api/v1/admin/partners/{id}").build(view.id()).toString());
        return new NewPartner(view.id(), view.name(), view.keyHint(), view.origins(), view.rate().toString(),
                view.createdAt(), added.key());
    }

    @Override
    public Partner updatePartner(UUID partnerId, PartnerChange change) {
        if (change == null) {
            throw ProblemException.invalidBody("body", "is required: the origins or the rate to change");
        }
        RatePolicy rate = change.getRate() == null ? null : rate(change.getRate());
        // The generated model cannot tell a missing list from an empty one; neither changes the origins.
        java.util.List<String> origins = change.getOrigins() == null || change.getOrigins().isEmpty()
                ? null : change.getOrigins();
        if (origins == null && rate == null) {
            throw ProblemException.invalidBody("body", "names nothing to change: give origins, rate or both");
        }
        try {
            return partner(partners.update(partnerId, origins, rate, actor())
                    .orElseThrow(() -> ProblemException.notFound("No partner has the id " + partnerId + ".")));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidBody("origins", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ProblemException(ProblemType.CONFLICT, "The partner's key is revoked; add the partner anew "
                    + "for a new key.");
        }
    }

    @Override
    public Partner revokePartner(UUID partnerId) {
        return partner(partners.revoke(partnerId, actor())
                .orElseThrow(() -> ProblemException.notFound("No partner has the id " + partnerId + ".")));
    }

    private static RatePolicy rate(String text) {
        try {
            return RatePolicy.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidBody("rate", e.getMessage());
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static Partner partner(PartnerService.PartnerView view) {
        return new Partner(view.id(), view.name(), view.keyHint(), view.origins(), view.rate().toString(),
                view.createdAt()).revokedAt(view.revokedAt());
    }
}
