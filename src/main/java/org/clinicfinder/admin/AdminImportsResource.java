package org.clinicfinder.admin;

import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.AdminImportsApi;
import org.clinicfinder.api.model.ImportFormat;
import org.clinicfinder.api.model.ImportMode;
import org.clinicfinder.api.model.ImportRun;
import org.clinicfinder.api.model.ImportRunList;
import org.clinicfinder.api.model.ImportStatus;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.StreamedBody;
import org.clinicfinder.ingest.ImportReport;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Imports over HTTP, as declared in openapi.yaml; for editors and admins. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.EDITOR_ROLE)
public class AdminImportsResource implements AdminImportsApi {

    private static final String IMPORTS = "/api/v1/admin/imports";

    @Inject
    AdminImportService imports;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SecurityIdentity identity;

    @Context
    HttpServerResponse response;

    @Context
    UriInfo uriInfo;

    /** startImport in openapi.yaml, with the list as the request body, written to disk as it arrives. */
    @POST
    @Path(IMPORTS)
    @StreamedBody
    @Consumes({ "text/csv", MediaType.APPLICATION_JSON, "application/x-ndjson" })
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public ImportRun startImport(@QueryParam("source") String source, @QueryParam("format") ImportFormat format,
            @QueryParam("mode") @DefaultValue("upsert") ImportMode mode,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("country") String country,
            @QueryParam("maxErrors") Long maxErrors, @QueryParam("fileName") String fileName,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength, InputStream body) {
        AdminImportService.Upload upload = imports.receive(body, contentLength);
        return located(imports.start(upload, new AdminImportService.Options(source, format, mode, dryRun, country,
                maxErrors, fileName), contentType, actor()));
    }

    /** startImport in openapi.yaml, with the list as the {@code file} part of a form. */
    @POST
    @Path(IMPORTS)
    @StreamedBody
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces({ MediaType.APPLICATION_JSON, "application/problem+json" })
    public ImportRun startImport(@QueryParam("source") String source, @QueryParam("format") ImportFormat format,
            @QueryParam("mode") @DefaultValue("upsert") ImportMode mode,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun, @QueryParam("country") String country,
            @QueryParam("maxErrors") Long maxErrors, @QueryParam("fileName") String fileName,
            @RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidBody("file", "is required: the list, as the form's file part");
        }
        AdminImportService.Upload upload = imports.receive(file.uploadedFile());
        String name = fileName != null ? fileName : file.fileName();
        return located(imports.start(upload, new AdminImportService.Options(source, format, mode, dryRun, country,
                maxErrors, name), file.contentType(), actor()));
    }

    @Override
    public ImportRunList listImports(String source, ImportStatus status, OffsetDateTime before, Integer limit) {
        return new ImportRunList(imports.list(source, status, before, limit));
    }

    @Override
    public ImportRun getImport(UUID runId) {
        return imports.find(runId).orElseThrow(() -> noSuchImport(runId));
    }

    @Override
    public Response getImportReport(UUID runId) {
        ImportRun run = getImport(runId);
        StreamingOutput report = out -> {
            try {
                ImportReport.write(dataSource, run.getId(), out);
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("The report could not be read", e);
            }
        };
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @Override
    public ImportRun publishImport(UUID runId) {
        return located(imports.publish(runId, actor()));
    }

    private ImportRun located(ImportRun run) {
        response.putHeader(HttpHeaders.LOCATION, uriInfo.getBaseUriBuilder().path(IMPORTS).path(run.getId().toString())
                .build().toString());
        return run;
    }

    private static ProblemException noSuchImport(UUID runId) {
        return ProblemException.notFound("No import has the id " + runId + ".");
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
