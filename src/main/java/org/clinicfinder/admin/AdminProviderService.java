package org.clinicfinder.admin;

import java.time.LocalDate;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Sort;
import org.clinicfinder.api.model.AdminProvider;
import org.clinicfinder.api.model.AdminProviderPage;
import org.clinicfinder.api.model.AdminProviderSummary;
import org.clinicfinder.api.model.ProviderInput;
import org.clinicfinder.common.AuditLog;
import org.clinicfinder.common.MergePatch;
import org.clinicfinder.common.ProblemException;
import org.clinicfinder.common.ProblemMappers;
import org.clinicfinder.common.ProblemType;
import org.clinicfinder.ingest.NormalisedRow;
import org.clinicfinder.provider.Provider;
import org.clinicfinder.provider.TrainingCredential;

/**
 * Providers as admins manage them. Every change checks the version the admin last read (If-Match), so that
 * two admins never silently overwrite each other (a wildcard If-Match names no version and is refused), and
 * is recorded in the audit trail in the same transaction.
 */
@ApplicationScoped
public class AdminProviderService {

    private static final int MAX_CREDENTIALS = 50;

    @Inject
    ProviderMapper mapper;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

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
        // A version conflict shows here, as a 412, not at commit.
        provider.flush();
        audit.record(actor, "provider.delete", "provider", id.toString(), before, null);
    }

    /** Adds a provider, unpublished, after the checks an imported row passes. */
    @Transactional
    public AdminProvider create(ProviderInput input, String actor) {
        // Credentials are checked like an import's; on creation they start unverified, whatever is sent.
        JsonNode credentials = input == null || input.getCredentials() == null ? null
                : json.valueToTree(input.getCredentials().stream().map(credential -> {
                    Map<String, Object> fields = new java.util.LinkedHashMap<>();
                    fields.put("title", credential.getTitle());
                    fields.put("issuer", credential.getIssuer());
                    if (credential.getYear() != null) {
                        fields.put("year", credential.getYear());
                    }
                    return fields;
                }).toList());
        NormalisedRow row = ProviderInputs.check(input, credentials, json);
        Provider provider = new Provider();
        ProviderInputs.apply(row, provider);
        provider.credentials = new ArrayList<>(row.credentials());
        provider.source = "admin";
        provider.sourceKey = "admin:" + UUID.randomUUID();
        provider.published = false;
        provider.persistAndFlush();
        AdminProvider created = model(provider);
        audit.record(actor, "provider.create", "provider", provider.id.toString(), null, created);
        return created;
    }

    /** Replaces a provider's details (not its credentials, publication or source), after the same checks. */
    @Transactional
    public AdminProvider replace(UUID id, String ifMatch, ProviderInput input, String actor) {
        if (input != null && input.getCredentials() != null && !input.getCredentials().isEmpty()) {
            throw ProblemException.invalidBody("credentials", "are changed with the credential operations, not here");
        }
        return change(current(id, ifMatch), input, "provider.replace", actor);
    }

    /**
     * Changes some of a provider's details by a JSON Merge Patch (RFC 7396) of the fields a replacement takes,
     * then checks the result as a replacement.
     */
    @Transactional
    public AdminProvider patch(UUID id, String ifMatch, JsonNode patch, String actor) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.invalidBody("body", "must be a JSON object of the fields to change");
        }
        if (patch.has("credentials")) {
            throw ProblemException.invalidBody("credentials", "are changed with the credential operations, not here");
        }
        Provider provider = current(id, ifMatch);
        JsonNode details = ProviderInputs.details(mapper.detail(provider), json);
        ProviderInput input;
        try {
            input = json.treeToValue(MergePatch.apply(details, patch), ProviderInput.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidBody(List.of(ProblemMappers.bodyError(e)));
        }
        return change(provider, input, "provider.patch", actor);
    }

    private AdminProvider change(Provider provider, ProviderInput input, String action, String actor) {
        NormalisedRow row = ProviderInputs.check(input, json.valueToTree(provider.credentials), json);
        AdminProvider before = model(provider);
        ProviderInputs.apply(row, provider);
        provider.flush();
        AdminProvider after = model(provider);
        audit.record(actor, action, "provider", provider.id.toString(), before, after);
        return after;
    }

    /** Adds an unverified credential. */
    @Transactional
    public AdminProvider addCredential(UUID id, String ifMatch, String title, String issuer, Integer year, String actor) {
        Provider provider = current(id, ifMatch);
        TrainingCredential credential = new TrainingCredential(text("title", title), text("issuer", issuer),
                year(year), "unverified", null);
        if (provider.credentials.size() >= MAX_CREDENTIALS) {
            throw ProblemException.invalidBody("credentials", "a provider holds at most " + MAX_CREDENTIALS);
        }
        List<TrainingCredential> credentials = new ArrayList<>(provider.credentials);
        credentials.add(credential);
        provider.credentials = credentials;
        provider.flush();
        audit.record(actor, "provider.credential-add", "provider", id.toString(), null,
                Map.of("credential", credential, "index", credentials.size() - 1, "version", provider.version));
        return model(provider);
    }

    /** Marks a credential verified or expired on a date (when its issuer said so), or unverified again. */
    @Transactional
    public AdminProvider setCredentialStatus(UUID id, int index, String ifMatch, String status, LocalDate on,
            String actor) {
        Provider provider = current(id, ifMatch);
        if (index >= provider.credentials.size()) {
            throw ProblemException.notFound("The provider has " + provider.credentials.size()
                    + " credentials; there is none at index " + index + ".");
        }
        if (!status.equals("unverified") && on == null) {
            throw ProblemException.invalidBody("on", "is required: the date the issuer confirmed the status");
        }
        if (on != null && on.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw ProblemException.invalidBody("on", "lies in the future");
        }
        TrainingCredential before = provider.credentials.get(index);
        TrainingCredential after = new TrainingCredential(before.title(), before.issuer(), before.year(), status,
                status.equals("unverified") ? null : on);
        List<TrainingCredential> credentials = new ArrayList<>(provider.credentials);
        credentials.set(index, after);
        provider.credentials = credentials;
        provider.flush();
        audit.record(actor, "provider.credential-status", "provider", id.toString(),
                Map.of("credential", before, "index", index), Map.of("credential", after, "index", index,
                        "version", provider.version));
        return model(provider);
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidBody(field, "is required");
        }
        if (value.strip().length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalidBody(field, "has at most 200 characters and no control characters");
        }
        return value.strip();
    }

    private static Integer year(Integer year) {
        int thisYear = LocalDate.now(ZoneOffset.UTC).getYear();
        if (year != null && (year < 1950 || year > thisYear)) {
            throw ProblemException.invalidBody("year", "must be between 1950 and " + thisYear);
        }
        return year;
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
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send the provider's ETag, as last read, "
                    + "in If-Match, so that the change cannot overwrite someone else's.");
        }
        String current = etag(provider.version);
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::strip)
                .anyMatch(tag -> tag.equals(current));
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
