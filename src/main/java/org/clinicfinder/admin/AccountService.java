package org.clinicfinder.admin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.clinicfinder.common.AuditLog;
import org.clinicfinder.common.Digests;

/** Admin accounts and their personal API tokens. */
@ApplicationScoped
public class AccountService {

    /** The shape of a personal API token; anything else is not looked up. */
    static final Pattern TOKEN_FORMAT = Pattern.compile("cfa_[A-Za-z0-9_-]{32}");

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 72; // bcrypt reads no further
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    public record AccountView(UUID id, String email, AdminRole role, OffsetDateTime createdAt) {
        static AccountView of(AdminAccount account) {
            return new AccountView(account.id, account.email, AdminRole.of(account.role), account.createdAt);
        }
    }

    public record TokenView(UUID id, String name, String hint, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
        static TokenView of(AdminToken token) {
            return new TokenView(token.id, token.name, token.tokenHint, token.createdAt, token.expiresAt,
                    token.lastUsedAt, token.revokedAt);
        }
    }

    /** A new token and its secret, which is shown this once. */
    public record NewToken(TokenView token, String secret) {
    }

    @Inject
    AuditLog audit;

    @Inject
    AdminConfig config;

    /**
     * @throws IllegalArgumentException naming what is wrong with the email or the password
     * @throws IllegalStateException when an account has the email already
     */
    @Transactional
    public AccountView create(String email, AdminRole role, String password, String actor) {
        String address = email == null ? "" : email.strip();
        if (!EMAIL.matcher(address).matches() || address.length() > 254) {
            throw new IllegalArgumentException("\"" + email + "\" is not an email address");
        }
        checkPassword(password, address);
        if (AdminAccount.findByEmail(address).isPresent()) {
            throw new IllegalStateException("an account with the email " + address + " exists already");
        }
        AdminAccount account = new AdminAccount();
        account.email = address;
        account.role = role.value();
        account.passwordHash = BcryptUtil.bcryptHash(password, config.login().passwordHashCost());
        account.persistAndFlush();
        audit.record(actor, "account.create", "account", account.id.toString(), null,
                Map.of("email", account.email, "role", account.role));
        return AccountView.of(account);
    }

    static void checkPassword(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("a password has at most " + MAX_PASSWORD_LENGTH + " bytes");
        }
        if (password.equalsIgnoreCase(email) || password.isBlank()) {
            throw new IllegalArgumentException("the password may not be the email address");
        }
    }

    /**
     * Disables or enables an account again. A disabled account cannot sign in by any means, and its tokens and
     * sessions stop working at once; its history stays.
     *
     * @return false when no account has the email
     */
    @Transactional
    public boolean setDisabled(String email, boolean disabled, String actor) {
        Optional<AdminAccount> found = AdminAccount.findByEmail(email == null ? "" : email.strip());
        if (found.isEmpty()) {
            return false;
        }
        AdminAccount account = found.get();
        if ((account.disabledAt != null) != disabled) {
            account.disabledAt = disabled ? OffsetDateTime.now() : null;
            audit.record(actor, disabled ? "account.disable" : "account.enable", "account", account.id.toString(),
                    Map.of("disabled", !disabled), Map.of("disabled", disabled));
        }
        return true;
    }

    @Transactional
    public List<AccountView> list() {
        return AdminAccount.<AdminAccount>list("ORDER BY createdAt, id").stream().map(AccountView::of).toList();
    }

    @Transactional
    public Optional<AccountView> find(UUID id) {
        return AdminAccount.<AdminAccount>findByIdOptional(id).map(AccountView::of);
    }

    /** @throws IllegalArgumentException when the name is empty or the lifetime is not 1 to 3650 days */
    @Transactional
    public NewToken createToken(UUID accountId, String name, Integer expiresInDays) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("a token's name is 1 to 100 characters");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            throw new IllegalArgumentException("a token expires in 1 to 3650 days");
        }
        String secret = Digests.newSecret("cfa_");
        AdminToken token = new AdminToken();
        token.account = AdminAccount.findById(accountId);
        token.name = name.strip();
        token.tokenHash = Digests.sha256Hex(secret);
        token.tokenHint = secret.substring(0, 10) + "…";
        token.expiresAt = expiresInDays == null ? null : OffsetDateTime.now().plusDays(expiresInDays);
        token.persistAndFlush();
        audit.record(token.account.email, "token.create", "token", token.id.toString(), null, auditedFields(token));
        return new NewToken(TokenView.of(token), secret);
    }

    @Transactional
    public List<TokenView> tokens(UUID accountId) {
        return AdminToken.listOf(AdminAccount.findById(accountId)).stream().map(TokenView::of).toList();
    }

    /** Revokes one of the account's own tokens; empty when it has no such token. */
    @Transactional
    public Optional<TokenView> revokeToken(UUID accountId, UUID tokenId) {
        Optional<AdminToken> token = AdminToken.<AdminToken>findByIdOptional(tokenId)
                .filter(found -> found.account.id.equals(accountId));
        token.filter(found -> found.revokedAt == null).ifPresent(found -> {
            found.revokedAt = OffsetDateTime.now();
            audit.record(found.account.email, "token.revoke", "token", found.id.toString(), auditedFields(found),
                    Map.of("revokedAt", found.revokedAt.toString()));
        });
        return token.map(TokenView::of);
    }

    /** What the audit trail keeps of a token: never its secret or digest. */
    private static Map<String, Object> auditedFields(AdminToken token) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("name", token.name);
        fields.put("hint", token.tokenHint);
        fields.put("expiresAt", token.expiresAt == null ? null : token.expiresAt.toString());
        return fields;
    }
}
