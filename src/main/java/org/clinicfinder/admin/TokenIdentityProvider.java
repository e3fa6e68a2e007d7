package org.clinicfinder.admin;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import org.clinicfinder.common.Digests;

/** A personal API token against admin_token: current, not revoked, its account not disabled. */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return context.runBlocking(() -> {
            if (!AccountService.TOKEN_FORMAT.matcher(token).matches()) {
                throw new AuthenticationFailedException("Not a personal API token");
            }
            OffsetDateTime now = OffsetDateTime.now();
            return QuarkusTransaction.requiringNew().call(() -> AdminToken
                    .findUsable(Digests.sha256Hex(token), now)
                    .map(found -> {
                        // A targeted update: it cannot undo a revocation committed in between.
                        AdminToken.update("lastUsedAt = ?1 where id = ?2", now, found.id);
                        return AdminIdentities.viaToken(found.account);
                    })
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown, expired or revoked token")));
        });
    }
}
