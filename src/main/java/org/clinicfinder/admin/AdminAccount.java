package org.clinicfinder.admin;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import org.hibernate.annotations.CreationTimestamp;

/** Someone who runs the directory. Active record, like Provider. */
@Entity
@Table(name = "admin_account")
public class AdminAccount extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    public String email;

    /** bcrypt, in modular crypt form; the password itself is never stored. */
    @Column(name = "password_hash")
    public String passwordHash;

    /** admin or editor. */
    public String role;

    @CreationTimestamp
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    public static Optional<AdminAccount> findByEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    public static Optional<AdminAccount> findActiveByEmail(String email) {
        return findByEmail(email).filter(account -> account.disabledAt == null);
    }
}
