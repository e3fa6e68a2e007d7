package org.clinicfinder.admin;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import org.clinicfinder.embed.ClientAddress;

/**
 * Email and password (HTTP Basic, the admin page's sign-in form) against admin_account, slowed and then
 * locked by {@link LoginThrottle} after repeated failures.
 */
@ApplicationScoped
public class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Set on the request when sign-in was refused because of a lock: the seconds until it lifts. */
    static final String LOCKED_FOR_SECONDS = "clinic-finder.sign-in-locked-for";

    @Inject
    LoginThrottle throttle;

    @Inject
    AdminConfig config;

    /**
     * Compared against when no account has the email, so that both cases take as long: of the cost passwords
     * are hashed with. Hashed on the first sign-in, not when the bean is made: that happens on the service's
     * first request of any kind, which would then wait for bcrypt in a JVM still interpreting.
     */
    private volatile String noAccountHash;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String email = request.getUsername();
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = routing == null ? "unknown" : ClientAddress.of(routing.request());
        return context.runBlocking(() -> {
            if (email == null || email.length() > 254 || email.chars().anyMatch(Character::isISOControl)) {
                throw new AuthenticationFailedException("Not an email address");
            }
            try {
                throttle.beginAttempt(email, address);
            } catch (LoginThrottle.LockedException locked) {
                if (routing != null) {
                    // The admin page's sign-in form says so, instead of "wrong password" (AdminPageRoutes).
                    routing.put(LOCKED_FOR_SECONDS, locked.retryAfterSeconds());
                }
                throw locked;
            }
            String password = new String(request.getPassword().getPassword());
            Optional<AdminAccount> account = QuarkusTransaction.joiningExisting()
                    .call(() -> AdminAccount.findActiveByEmail(email));
            boolean matches = BcryptUtil.matches(password, account.map(a -> a.passwordHash).orElseGet(this::noAccountHash));
            if (account.isEmpty() || !matches) {
                throw new AuthenticationFailedException("Wrong email or password");
            }
            throttle.succeeded(email, address);
            return AdminIdentities.of(account.get());
        }).onFailure().call(() -> {
            Duration delay = throttle.delayAfterFailure(email, address);
            return delay.isZero() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(delay);
        });
    }

    String noAccountHash() {
        String hash = noAccountHash;
        if (hash == null) {
            hash = BcryptUtil.bcryptHash("no account has this email", config.login().passwordHashCost());
            noAccountHash = hash;
        }
        return hash;
    }
}
