package org.clinicfinder.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.DynamicUpdate;

/** A personal API token of an admin account, for scripts; stored as its SHA-256 only. */
@Entity
@Table(name = "admin_token")
// Only changed columns are written: recording a use never writes back a revocation made meanwhile.
@DynamicUpdate
public class AdminToken extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id")
    public AdminAccount account;

    public String name;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "token_hint")
    public String tokenHint;

    @CreationTimestamp
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    /** The token, if it is current: not revoked, not expired, its account not disabled. */
    public static Optional<AdminToken> findUsable(String tokenHash, OffsetDateTime now) {
        return find("tokenHash = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2) "
                + "and account.disabledAt is null", tokenHash, now).firstResultOptional();
    }

    public static List<AdminToken> listOf(AdminAccount account) {
        return list("account = ?1 order by createdAt, id", account);
    }
}
