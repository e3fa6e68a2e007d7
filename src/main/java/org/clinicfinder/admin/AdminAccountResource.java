package org.clinicfinder.admin;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import org.clinicfinder.api.AdminApi;
import org.clinicfinder.api.model.AdminAccount;
import org.clinicfinder.api.model.AdminAccountList;
import org.clinicfinder.api.model.AdminToken;
import org.clinicfinder.api.model.AdminTokenList;
import org.clinicfinder.api.model.AdminTokenRequest;
import org.clinicfinder.api.model.NewAdminToken;
import org.clinicfinder.common.ProblemException;

/** The signed-in account and its personal API tokens, as declared in openapi.yaml. */
// The generated interface carries the full path of each operation.
@Path("/")
@RolesAllowed(AdminRole.EDITOR_ROLE)
public class AdminAccountResource implements AdminApi {

    @Inject
    AccountService accounts;

    @Inject
    SecurityIdentity identity;

    @Context
    UriInfo uriInfo;

    @Context
    HttpServerResponse response;

    @Override
    public AdminAccount getCurrentAdmin() {
        return account(accounts.find(accountId())
                .orElseThrow(() -> ProblemException.notFound("The account no longer exists.")));
    }

    private static AdminAccount account(AccountService.AccountView view) {
        return new AdminAccount(view.id(), view.email(), AdminAccount.RoleEnum.fromValue(view.role().value()),
                view.createdAt());
    }

    @Override
    @RolesAllowed(AdminRole.ADMIN_ROLE)
    public AdminAccountList listAdminAccounts() {
        return new AdminAccountList(accounts.list().stream().map(AdminAccountResource::account).toList());
    }

    @Override
    public AdminTokenList listAdminTokens() {
        return new AdminTokenList(accounts.tokens(accountId()).stream().map(AdminAccountResource::token).toList());
    }

    @Override
    public NewAdminToken createAdminToken(AdminTokenRequest request) {
        if (AdminIdentities.isViaToken(identity)) {
            // A leaked short-lived token must not be able to issue itself a lasting one.
            throw new ProblemException(org.clinicfinder.common.ProblemType.FORBIDDEN,
                    "Tokens are created with the account's password (HTTP Basic), not with another token.");
        }
        if (request == null) {
            throw ProblemException.invalidBody("body", "is required: the token's name");
        }
        AccountService.NewToken created;
        try {
            created = accounts.createToken(accountId(), request.getName(), request.getExpiresInDays());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidBody("name", e.getMessage());
        }
        AccountService.TokenView token = created.token();
        response.putHeader(HttpHeaders.LOCATION,
                uriInfo.getBaseUriBuilder().path("api/v1/admin/tokens/{id}").build(token.id()).toString());
        return new NewAdminToken(token.id(), token.name(), token.hint(), token.createdAt(), created.secret())
                .expiresAt(token.expiresAt());
    }

    @Override
    public void revokeAdminToken(UUID tokenId) {
        accounts.revokeToken(accountId(), tokenId)
                .orElseThrow(() -> ProblemException.notFound("You have no token with the id " + tokenId + "."));
    }

    private UUID accountId() {
        return AdminIdentities.accountId(identity).orElseThrow();
    }

    private static AdminToken token(AccountService.TokenView view) {
        return new AdminToken(view.id(), view.name(), view.hint(), view.createdAt())
                .expiresAt(view.expiresAt()).lastUsedAt(view.lastUsedAt()).revokedAt(view.revokedAt());
    }
}
