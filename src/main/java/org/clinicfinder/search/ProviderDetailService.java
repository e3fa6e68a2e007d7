package org.clinicfinder.search;

import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.clinicfinder.api.model.ProviderDetail;

/** One published provider, with everything public. */
@ApplicationScoped
public class ProviderDetailService {

    @Inject
    ProviderSearchQueries queries;

    public Optional<ProviderDetail> findPublished(UUID id) {
        try {
            return queries.publishedProviderJson(id).map(WrittenProviderDetail::new);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a provider failed", e);
        }
    }
}
