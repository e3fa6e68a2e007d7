package org.clinicfinder.admin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.AdminProvidersApi;
import org.clinicfinder.api.model.AdminProvider;
import org.clinicfinder.api.model.AdminProviderPage;
import org.clinicfinder.api.model.CredentialInput;
import org.clinicfinder.api.model.CredentialStatusChange;
import org.clinicfinder.api.model.ProviderInput;
import org.clinicfinder.common.ProblemException;

/** Providers as admins manage them, as declared in openapi.yaml. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.EDITOR_ROLE)
public class AdminProvidersResource implements AdminProvidersApi {

    @Inject
    AdminProviderService providers;

    @Inject
    SecurityIdentity identity;

    @Context
    HttpServerResponse response;

    @Context
    jakarta.ws.rs.core.UriInfo uriInfo;

    @Override
    public AdminProviderPage listAdminProviders(String q, Boolean published, String source, String country,
            Integer offset, Integer limit) {
        return providers.page(q, published, source, country, offset, limit);
    }

    @Override
    public AdminProvider getAdminProvider(UUID id) {
        return tagged(providers.find(id)
                .orElseThrow(() -> ProblemException.notFound("No provider has the id " + id + ".")));
    }

    @Override
    public AdminProvider publishProvider(UUID id, String ifMatch) {
        return tagged(providers.publish(id, ifMatch, actor()));
    }

    @Override
    public AdminProvider unpublishProvider(UUID id, String ifMatch) {
        return tagged(providers.unpublish(id, ifMatch, actor()));
    }

    @Override
    public AdminProvider createProvider(ProviderInput input) {
        AdminProvider created = tagged(providers.create(input, actor()));
        response.putHeader(HttpHeaders.LOCATION, uriInfo.getBaseUriBuilder().path("api/v1/admin/providers/{id}")
                .build(created.getProvider().getId()).toString());
        return created;
    }

    @Override
    public AdminProvider replaceProvider(UUID id, ProviderInput input, String ifMatch) {
        return tagged(providers.replace(id, ifMatch, input, actor()));
    }

    @Override
    public AdminProvider patchProvider(UUID id, JsonNode patch, String ifMatch) {
        return tagged(providers.patch(id, ifMatch, patch, actor()));
    }

    @Override
    public AdminProvider addCredential(UUID id, CredentialInput credential, String ifMatch) {
        if (credential == null) {
            throw ProblemException.invalidBody("body", "is required: a credential's title, issuer and year");
        }
        return tagged(providers.addCredential(id, ifMatch, credential.getTitle(), credential.getIssuer(),
                credential.getYear(), actor()));
    }

    @Override
    public AdminProvider setCredentialStatus(UUID id, Integer index, CredentialStatusChange change, String ifMatch) {
        if (change == null || change.getStatus() == null) {
            throw ProblemException.invalidBody("body", "is required: the status, and the date it was confirmed on");
        }
        return tagged(providers.setCredentialStatus(id, index, ifMatch, change.getStatus().toString(), change.getOn(),
                actor()));
    }

    @Override
    public void deleteProvider(UUID id, String ifMatch) {
        providers.delete(id, ifMatch, actor());
    }

    private AdminProvider tagged(AdminProvider provider) {
        response.putHeader(HttpHeaders.ETAG, AdminProviderService.etag(provider.getVersion()));
        return provider;
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
