package org.clinicfinder.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import org.clinicfinder.api.model.AdminProvider;
import org.clinicfinder.api.model.AdminProviderPage;
import org.clinicfinder.api.model.AdminProviderSummary;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemType;
import org.clinicfinder.provider.Provider;
import org.clinicfinder.search.ProviderMapper;

/**
 * Providers as admins manage them. Every change checks the version the admin last read (If-Match), so that
 * two admins never silently overwrite each other, and is recorded in the audit trail in its own transaction.
 */
@ApplicationScoped
public class AdminProviderService {

    @Inject
    ProviderMapper mapper;

    @Inject
    AuditLog audit;

    /** The entity tag of a provider's version. */
    public static String etag(int version) {
        return "\"v" + version + "\"";
    }

    @Transactional
    public AdminProviderPage page(String q, Boolean published, String source, String country, int offset, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (q != null) {
            conditions.add("lower(name) like :q");
            parameters.put("q", "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (published != null) {
            conditions.add("published = :published");
            parameters.put("published", published);
        }
        if (source != null) {
            conditions.add("source = :source");
            parameters.put("source", source);
        }
        if (country != null) {
            conditions.add("country = :country");
            parameters.put("country", country.toUpperCase(Locale.ROOT));
        }
        String where = conditions.isEmpty() ? "true = true" : String.join(" and ", conditions);
        var query = Provider.<Provider>find(where, Sort.by("name").and("id"), parameters);
        long total = query.count();
        List<AdminProviderSummary> items = query.range(offset, offset + limit - 1).list().stream()
                .map(provider -> new AdminProviderSummary(provider.id, provider.name, provider.city, provider.country,
                        provider.published, provider.verified, provider.source,
                        provider.updatedAt.withOffsetSameInstant(ZoneOffset.UTC)))
                .toList();
        return new AdminProviderPage(total, items);
    }

    @Transactional
    public Optional<AdminProvider> find(UUID id) {
        return Provider.<Provider>findByIdOptional(id).map(this::model);
    }

    @Transactional
    public AdminProvider publish(UUID id, String ifMatch, String actor) {
        Provider provider = current(id, ifMatch);
        if (provider.credentials.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A provider is published only with at least one "
                    + "training credential; add one first.");
        }
        return setPublished(provider, true, actor);
    }

    @Transactional
    public AdminProvider unpublish(UUID id, String ifMatch, String actor) {
        return setPublished(current(id, ifMatch), false, actor);
    }

    @Transactional
    public void delete(UUID id, String ifMatch, String actor) {
        Provider provider = current(id, ifMatch);
        AdminProvider before = model(provider);
        provider.delete();
        audit.record(actor, "provider.delete", "provider", id.toString(), before, null);
    }

    private AdminProvider setPublished(Provider provider, boolean published, String actor) {
        if (provider.published != published) {
            Map<String, Object> before = Map.of("published", provider.published, "version", provider.version);
            provider.published = published;
            provider.unpublishedAt = published ? null : OffsetDateTime.now();
            provider.flush();
            audit.record(actor, published ? "provider.publish" : "provider.unpublish", "provider",
                    provider.id.toString(), before, Map.of("published", published, "version", provider.version));
        }
        return model(provider);
    }

    /** The provider, if If-Match names its current version. */
    private Provider current(UUID id, String ifMatch) {
        Provider provider = Provider.<Provider>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No provider has the id " + id + "."));
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send the provider's ETag, as last read, "
                    + "in If-Match, so that the change cannot overwrite someone else's.");
        }
        String current = etag(provider.version);
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
        if (!matches) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "If-Match names " + ifMatch.strip()
                    + ", but the provider is at " + current + ": someone else changed it. Read it again, then redo "
                    + "your change.").withHeader(HttpHeaders.ETAG, current);
        }
        return provider;
    }

    private AdminProvider model(Provider provider) {
        AdminProvider model = new AdminProvider(mapper.detail(provider), provider.published, provider.source,
                provider.version, provider.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        model.setExternalId(provider.externalId);
        model.setUnpublishedAt(provider.unpublishedAt == null ? null
                : provider.unpublishedAt.withOffsetSameInstant(ZoneOffset.UTC));
        return model;
    }
}
