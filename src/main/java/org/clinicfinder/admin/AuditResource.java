package org.clinicfinder.admin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

import org.clinicfinder.api.AdminAuditApi;
import org.clinicfinder.api.model.AuditEvent;
import org.clinicfinder.api.model.AuditEventList;
import org.clinicfinder.common.AuditLog;

/** The audit trail, as declared in openapi.yaml; for the admin role. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.ADMIN_ROLE)
public class AuditResource implements AdminAuditApi {

    @Inject
    AuditLog audit;

    @Override
    public AuditEventList listAuditEvents(UUID providerId, String actor, Long before, Integer limit) {
        return new AuditEventList(audit.list("provider", providerId == null ? null : providerId.toString(), actor,
                before, limit).stream().map(AuditResource::event).toList());
    }

    private static AuditEvent event(AuditLog.Event event) {
        return new AuditEvent(event.id(), event.occurredAt().withOffsetSameInstant(java.time.ZoneOffset.UTC),
                event.actor(), event.action(), AuditEvent.EntityTypeEnum.fromValue(event.entityType()),
                event.entityId()).before(event.before()).after(event.after());
    }
}
