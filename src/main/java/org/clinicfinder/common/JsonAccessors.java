package org.clinicfinder.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The API's JSON reads and writes the contract's models through generated accessors (Jackson's Blackbird)
 * instead of reflection: writing a page of results is a large share of a search's time in the service.
 */
@Singleton
public class JsonAccessors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
