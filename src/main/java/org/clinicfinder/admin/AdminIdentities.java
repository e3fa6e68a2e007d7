package org.clinicfinder.admin;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.security.identity.SecurityIdentity;

/** The security identity of a signed-in admin: the email as principal, and the roles its role grants. */
final class AdminIdentities {

    static final String ACCOUNT_ID = "clinic-finder.account-id";
    static final String VIA_TOKEN = "clinic-finder.via-token";
    static final String VIA_SESSION = "clinic-finder.via-session";

    private AdminIdentities() {
    }

    static SecurityIdentity of(AdminAccount account) {
        Set<String> roles = AdminRole.of(account.role) == AdminRole.ADMIN
                ? Set.of(AdminRole.ADMIN_ROLE, AdminRole.EDITOR_ROLE)
                : Set.of(AdminRole.EDITOR_ROLE);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(account.email))
                .addRoles(roles)
                .addAttribute(ACCOUNT_ID, account.id)
                .build();
    }

    /** Signed in with a personal API token rather than the password. */
    static SecurityIdentity viaToken(AdminAccount account) {
        return QuarkusSecurityIdentity.builder(of(account)).addAttribute(VIA_TOKEN, Boolean.TRUE).build();
    }

    /** Signed in by the admin page's session cookie: its changes must carry the page's CSRF token. */
    static SecurityIdentity viaSession(AdminAccount account) {
        return QuarkusSecurityIdentity.builder(of(account)).addAttribute(VIA_SESSION, Boolean.TRUE).build();
    }

    static boolean isViaSession(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(VIA_SESSION));
    }

    static boolean isViaToken(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(VIA_TOKEN));
    }

    static Optional<UUID> accountId(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(ACCOUNT_ID));
    }
}
