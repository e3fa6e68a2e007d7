package org.clinicfinder.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Publishable keys: {@code pk_} and 32 URL-safe characters (192 random bits), stored only as their SHA-256. */
public final class PartnerKeys {

    /** The shape of a key; anything else is not looked up at all. */
    public static final Pattern FORMAT = Pattern.compile("pk_[A-Za-z0-9_-]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private PartnerKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Enough of the key to recognise it in a listing, too little to use it. */
    public static String hint(String key) {
        return key.substring(0, 9) + "…";
    }
}
