package org.clinicfinder.embed;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A site that embeds the search with its own publishable key. Active record, like Provider. */
@Entity
@Table(name = "partner")
// Only changed columns are written: a change of origins never writes back a revocation made meanwhile.
@DynamicUpdate
public class Partner extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String name;

    /** SHA-256 of the key, hex; the key itself is shown once at creation and never stored. */
    @Column(name = "key_hash")
    public String keyHash;

    /** The key's first characters, to tell keys apart in listings. */
    @Column(name = "key_hint")
    public String keyHint;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> origins = new ArrayList<>();

    @Column(name = "rate_limit")
    public int rateLimit;

    @Column(name = "rate_window_seconds")
    public int rateWindowSeconds;

    @CreationTimestamp
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    public static Optional<Partner> findByKeyHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    public static List<Partner> listByCreation() {
        return list("ORDER BY createdAt, id");
    }
}
