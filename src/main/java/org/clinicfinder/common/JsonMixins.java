package org.clinicfinder.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import org.clinicfinder.api.model.Problem;
import org.clinicfinder.api.model.ProviderPage;

/**
 * Unknown values are left out of responses (quarkus.jackson.serialization-inclusion=non_null). Two
 * exceptions from the contract: a page's nextCursor is written as null on the last page, and a problem
 * without field errors carries no empty errors list.
 */
@Singleton
public class JsonMixins implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Problem.class, OmitEmpty.class);
        mapper.addMixIn(ProviderPage.class, PageMixin.class);
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract static class OmitEmpty {
    }

    abstract static class PageMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getNextCursor();
    }
}
