package org.clinicfinder.search;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.provider.Provider;

/** One published provider, with everything public. */
@ApplicationScoped
public class ProviderDetailService {

    @Inject
    ProviderMapper mapper;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ProviderDetail> findPublished(UUID id) {
        return Provider.findPublished(id).map(mapper::detail);
    }
}
