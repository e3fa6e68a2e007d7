package org.clinicfinder.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Providers written straight into the database, so that each test states the directory it searches.
 * Defaults describe a published clinic in London with one unverified credential.
 */
public final class TestProviders {

    private final DataSource dataSource;

    public TestProviders(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Empties the directory: each test starts from nothing and adds what it needs. */
    public void deleteAll() {
        execute("TRUNCATE provider");
    }

    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Builder provider(String name) {
        return new Builder(name);
    }

    public final class Builder {
        private final UUID id = UUID.randomUUID();
        private final String name;
        private String kind = "clinic";
        private String profession;
        private List<String> addressLines = List.of("1 High Street");
        private String city = "London";
        private String region = "England";
        private String postalCode = "W1G 9PF";
        private String country = "GB";
        private Double latitude = 51.5074;
        private Double longitude = -0.1278;
        private String phone = "+442079460000";
        private String email;
        private String website;
        private List<String> treatments = List.of("acne-scars");
        private List<String> languages = List.of("en");
        private List<String> devices = List.of("automated-pen");
        private BigDecimal depthMin;
        private BigDecimal depthMax;
        private Boolean numbing;
        private String openingHours;
        private final List<String> credentials = new ArrayList<>();
        private boolean published = true;
        private String source = "test";

        private Builder(String name) {
            this.name = name;
        }

        public Builder kind(String value) {
            kind = value;
            return this;
        }

        public Builder profession(String value) {
            profession = value;
            return this;
        }

        public Builder addressLines(String... values) {
            addressLines = List.of(values);
            return this;
        }

        /** City, region and country together, with the city's coordinates. */
        public Builder in(String cityName, String regionName, String countryCode, Double lat, Double lon) {
            city = cityName;
            region = regionName;
            country = countryCode;
            latitude = lat;
            longitude = lon;
            return this;
        }

        public Builder postalCode(String value) {
            postalCode = value;
            return this;
        }

        public Builder at(Double lat, Double lon) {
            latitude = lat;
            longitude = lon;
            return this;
        }

        public Builder phone(String value) {
            phone = value;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder website(String value) {
            website = value;
            return this;
        }

        public Builder treatments(String... values) {
            treatments = List.of(values);
            return this;
        }

        public Builder languages(String... values) {
            languages = List.of(values);
            return this;
        }

        public Builder devices(String... values) {
            devices = List.of(values);
            return this;
        }

        public Builder needleDepth(String min, String max) {
            depthMin = new BigDecimal(min);
            depthMax = new BigDecimal(max);
            return this;
        }

        public Builder numbing(boolean value) {
            numbing = value;
            return this;
        }

        /** The stored JSON document, as in the opening_hours column. */
        public Builder openingHours(String json) {
            openingHours = json;
            return this;
        }

        public Builder credential(String title, String issuer, Integer year, String status, String verifiedOn) {
            credentials.add(String.format(
                    "{\"title\":\"%s\",\"issuer\":\"%s\",\"year\":%s,\"status\":\"%s\",\"verifiedOn\":%s}",
                    title, issuer, year, status, verifiedOn == null ? "null" : "\"" + verifiedOn + "\""));
            return this;
        }

        public Builder verified() {
            return credential("Certificate in Collagen Induction Therapy", "Collagen Induction Therapy Academy",
                    2022, "verified", "2024-03-18");
        }

        public Builder unpublished() {
            published = false;
            return this;
        }

        public UUID insert() {
            if (credentials.isEmpty()) {
                credential("Diploma in Skin Needling", "Academy of Advanced Skin Needling", 2021, "unverified", null);
            }
            String sql = """
                    INSERT INTO provider (id, name, kind, profession, address_lines, city, region, postal_code, country,
                        latitude, longitude, phone, email, website, treatments, languages, devices,
                        needle_depth_min_mm, needle_depth_max_mm, numbing_offered, opening_hours, credentials,
                        source, external_id, source_key, published)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""";
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = 1;
                statement.setObject(i++, id);
                statement.setString(i++, name);
                statement.setString(i++, kind);
                statement.setString(i++, profession);
                statement.setArray(i++, connection.createArrayOf("text", addressLines.toArray()));
                statement.setString(i++, city);
                statement.setString(i++, region);
                statement.setString(i++, postalCode);
                statement.setString(i++, country);
                statement.setObject(i++, latitude, Types.DOUBLE);
                statement.setObject(i++, longitude, Types.DOUBLE);
                statement.setString(i++, phone);
                statement.setString(i++, email);
                statement.setString(i++, website);
                statement.setArray(i++, connection.createArrayOf("text", treatments.toArray()));
                statement.setArray(i++, connection.createArrayOf("text", languages.toArray()));
                statement.setArray(i++, connection.createArrayOf("text", devices.toArray()));
                statement.setBigDecimal(i++, depthMin);
                statement.setBigDecimal(i++, depthMax);
                statement.setObject(i++, numbing, Types.BOOLEAN);
                statement.setString(i++, openingHours);
                statement.setString(i++, "[" + String.join(",", credentials) + "]");
                statement.setString(i++, source);
                statement.setString(i++, id.toString());
                statement.setString(i++, "id:" + id);
                statement.setBoolean(i, published);
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return id;
        }
    }
}
