package org.clinicfinder.provider;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.generator.EventType;
import org.hibernate.type.SqlTypes;

/**
 * A clinic or practitioner offering collagen induction therapy. Active record: the queries on providers
 * are the named static methods below (the public search, which needs PostgreSQL's own operators, lives in
 * {@code search.ProviderSearchQueries}).
 *
 * <p>Never leaves the service as it is: the resources map it to the contract's models.
 */
@Entity
@Table(name = "provider")
public class Provider extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    /** clinic or practitioner. */
    public String kind;

    /** A slug of the profession vocabulary, or null when unknown. */
    public String profession;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "address_lines")
    public List<String> addressLines = new ArrayList<>();

    public String city;

    public String region;

    @Column(name = "postal_code")
    public String postalCode;

    /** ISO 3166-1 alpha-2. */
    public String country;

    public Double latitude;

    public Double longitude;

    /** E.164. */
    public String phone;

    public String email;

    public String website;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> treatments = new ArrayList<>();

    /** ISO 639-1 codes. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> languages = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> devices = new ArrayList<>();

    @Column(name = "needle_depth_min_mm")
    public BigDecimal needleDepthMinMm;

    @Column(name = "needle_depth_max_mm")
    public BigDecimal needleDepthMaxMm;

    @Column(name = "numbing_offered")
    public Boolean numbingOffered;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "opening_hours")
    public WeeklyHours openingHours;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<TrainingCredential> credentials = new ArrayList<>();

    /** Who the entry comes from: an import source's name, or the admin who created it. */
    public String source;

    /** The entry's identity within its source: "id:" and its id there, a fingerprint, or "admin:" and a random id. */
    @Column(name = "source_key")
    public String sourceKey;

    /** The entry's id in its source, where the source has ids. */
    @Column(name = "external_id")
    public String externalId;

    /** Unpublished providers never appear publicly. */
    public boolean published;

    @Column(name = "unpublished_at")
    public OffsetDateTime unpublishedAt;

    @CreationTimestamp
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public int version;

    /** Kept by PostgreSQL: true when any credential is verified; read back after every write. */
    @Generated(event = {EventType.INSERT, EventType.UPDATE})
    @Column(insertable = false, updatable = false)
    public boolean verified;

    /** Published providers per country code. */
    public static Map<String, Long> countPublishedByCountry() {
        Map<String, Long> counts = new TreeMap<>();
        getEntityManager()
                .createQuery("select p.country, count(p) from Provider p where p.published = true group by p.country",
                        Object[].class)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}
