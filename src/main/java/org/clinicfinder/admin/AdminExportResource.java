package org.clinicfinder.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;

import org.clinicfinder.api.AdminExportApi;

/** The directory as CSV, NDJSON or GeoJSON, as declared in openapi.yaml; for editors and admins. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.EDITOR_ROLE)
public class AdminExportResource implements AdminExportApi {

    @Inject
    ProviderExport export;

    @Inject
    SecurityIdentity identity;

    @Context
    RoutingContext routing;

    @Override
    public Response exportProviders(String format, Boolean published) {
        ProviderExport.Format chosen = ProviderExport.Format.of(format);
        ProviderExport.Slot slot = export.reserve();
        // Released when the stream ends; and should the response end without streaming, when it ends.
        routing.addEndHandler(ended -> slot.close());
        export.record(identity.getPrincipal().getName(), chosen, published);
        return Response.ok(export.stream(chosen, published, slot), chosen.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + chosen.fileName() + "\"")
                .build();
    }
}
