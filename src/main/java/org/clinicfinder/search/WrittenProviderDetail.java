package org.clinicfinder.search;

import org.clinicfinder.api.model.ProviderDetail;
import org.clinicfinder.common.WrittenJson;

/**
 * A published provider as the JSON PostgreSQL wrote (see ProviderSearchQueries). It is a ProviderDetail so
 * that the resource keeps implementing the generated ProvidersApi; only its JSON carries the fields.
 */
final class WrittenProviderDetail extends ProviderDetail implements WrittenJson {

    private final byte[] json;

    WrittenProviderDetail(byte[] json) {
        this.json = json;
    }

    @Override
    public byte[] json() {
        return json;
    }
}
