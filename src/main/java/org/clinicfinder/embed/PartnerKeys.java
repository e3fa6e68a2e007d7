package org.clinicfinder.embed;

import java.util.regex.Pattern;

import org.clinicfinder.common.Digests;

/** Publishable keys: {@code pk_} and 32 URL-safe characters (192 random bits), stored only as their SHA-256. */
public final class PartnerKeys {

    /** The shape of a key; anything else is not looked up at all. */
    public static final Pattern FORMAT = Pattern.compile("pk_[A-Za-z0-9_-]{32}");

    private PartnerKeys() {
    }

    public static String generate() {
        return Digests.newSecret("pk_");
    }

    public static String hash(String key) {
        return Digests.sha256Hex(key);
    }

    /** Enough of the key to recognise it in a listing, too little to use it. */
    public static String hint(String key) {
        return key.substring(0, 9) + "…";
    }
}
