package org.clinicfinder.admin;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/**
 * The admin page's session: the form sign-in's encrypted cookie names the account's email, which is looked up
 * again on every request, so that disabling an account or changing its role takes effect at once.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        String email = request.getPrincipal();
        return context.runBlocking(() -> QuarkusTransaction.joiningExisting()
                .call(() -> AdminAccount.findActiveByEmail(email))
                .map(AdminIdentities::viaSession)
                .orElseThrow(() -> new AuthenticationFailedException("The session's account is disabled or gone")));
    }
}
