package org.clinicfinder.provider;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How JSON columns (credentials, opening hours) are written: a mapper of their own, independent of the
 * REST layer's, with ISO dates, so that stored documents never change shape when the API's JSON does.
 */
@JsonFormat
@PersistenceUnitExtension
public class JsonColumnFormat implements FormatMapper {

    private static final ObjectMapper COLUMN_JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectReader CREDENTIALS = COLUMN_JSON.readerFor(new TypeReference<List<TrainingCredential>>() {
    });

    private static final ObjectReader OPENING_HOURS = COLUMN_JSON.readerFor(WeeklyHours.class);

    private final FormatMapper delegate = new JacksonJsonFormatMapper(COLUMN_JSON);

    /** The credentials column as read with plain JDBC (the public search does not go through Hibernate). */
    public static List<TrainingCredential> credentials(String json) {
        try {
            return CREDENTIALS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The credentials column holds no list of credentials", e);
        }
    }

    /** The opening hours column as read with plain JDBC; null stays null. */
    public static WeeklyHours openingHours(String json) {
        if (json == null) {
            return null;
        }
        try {
            return OPENING_HOURS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The opening_hours column holds no weekly hours", e);
        }
    }

    @Override
    public <T> T fromString(CharSequence charSequence, JavaType<T> javaType, WrapperOptions wrapperOptions) {
        return delegate.fromString(charSequence, javaType, wrapperOptions);
    }

    @Override
    public <T> String toString(T value, JavaType<T> javaType, WrapperOptions wrapperOptions) {
        return delegate.toString(value, javaType, wrapperOptions);
    }
}
