package org.clinicfinder.search;

import java.util.List;

import org.clinicfinder.api.model.ProviderPage;
import org.clinicfinder.common.WrittenJson;

/**
 * A page of search results as its JSON: the items PostgreSQL wrote (see ProviderSearchQueries), the cursor
 * and the facets. It is a ProviderPage so that the resource keeps implementing the generated ProvidersApi;
 * only its JSON carries the items.
 */
final class WrittenProviderPage extends ProviderPage implements WrittenJson {

    private final byte[] json;

    WrittenProviderPage(byte[] json, String nextCursor) {
        super(List.of(), nextCursor);
        this.json = json;
    }

    @Override
    public byte[] json() {
        return json;
    }
}
