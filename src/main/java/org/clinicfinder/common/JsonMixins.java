package org.clinicfinder.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import org.clinicfinder.api.model.Problem;
import org.clinicfinder.api.model.ProviderPage;

/**
 * Unknown values are left out of responses (quarkus.jackson.serialization-inclusion=non_null). Two
 * exceptions from the contract: a page's nextCursor is written as null on the last page, and a problem
 * without field errors carries no empty errors list. An answer whose JSON is already written
 * ({@link WrittenJson}) is written as it is.
 */
@Singleton
public class JsonMixins implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Problem.class, OmitEmpty.class);
        mapper.addMixIn(ProviderPage.class, PageMixin.class);
        mapper.registerModule(new SimpleModule("written-json").addSerializer(WrittenJson.class,
                new StdSerializer<>(WrittenJson.class) {
                    @Override
                    public void serialize(WrittenJson value, JsonGenerator generator, SerializerProvider provider)
                            throws IOException {
                        generator.writeRawValue(new String(value.json(), StandardCharsets.UTF_8));
                    }
                }));
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    abstract static class OmitEmpty {
    }

    abstract static class PageMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        abstract String getNextCursor();
    }
}
