package org.clinicfinder.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The admin page's CSRF tokens: a random nonce and its HMAC with the signed-in account's email (the signed
 * double-submit cookie of OWASP's cheat sheet). A token made for one account is worthless for another, and
 * none can be made without the key, which is derived from the session encryption key so that every instance
 * sharing sessions accepts the same tokens.
 */
@ApplicationScoped
public class CsrfTokens {

    /** Readable by the page's scripts, which copy it into {@link #HEADER}; another site can do neither. */
    public static final String COOKIE = "cf_admin_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    CsrfTokens(@ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        byte[] material = new byte[32];
        if (sessionKey.isPresent()) {
            material = hmac(new SecretKeySpec(sessionKey.get().getBytes(StandardCharsets.UTF_8), ALGORITHM),
                    "clinic-finder admin page csrf");
        } else {
            // Without a configured key, sessions last as long as the process too (Quarkus draws its own key).
            random.nextBytes(material);
        }
        key = new SecretKeySpec(material, ALGORITHM);
    }

    /** A fresh token for the account. */
    public String issue(String email) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String encodedNonce = BASE64.encodeToString(nonce);
        return encodedNonce + "." + signature(encodedNonce, email);
    }

    /** Whether the token was issued for this account (by any instance sharing the key). */
    public boolean isValid(String token, String email) {
        if (token == null || token.length() > 200) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        byte[] expected = signature(token.substring(0, dot), email).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String nonce, String email) {
        return BASE64.encodeToString(hmac(key, nonce + "\n" + email.strip().toLowerCase(Locale.ROOT)));
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
