package org.clinicfinder.search;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.clinicfinder.common.ClinicFinderConfig;
import org.clinicfinder.common.ProblemException;
import org.jboss.logging.Logger;

/**
 * Opaque keyset cursors: the last row's sort key and id, bound to the search they came from and signed with
 * HMAC-SHA256, so that an edited, truncated or borrowed cursor is refused rather than followed.
 */
@Singleton
public class SearchCursor {

    private static final Logger LOG = Logger.getLogger(SearchCursor.class);
    // 2: relevance keys became a tier and a name instead of a similarity.
    private static final int VERSION = 2;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Where the previous page ended. */
    record Position(String sortKey, UUID id) {
    }

    private final SecretKeySpec key;

    /** A Mac per thread: looking one up and keying it costs more than signing a cursor. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** And a digest per thread, for the same reason. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Made once: ObjectMapper looks the type's reader and writer up on every call otherwise. */
    private static final ObjectReader FIELDS_READER = JSON.readerFor(new TypeReference<List<Object>>() {
    });
    private static final ObjectWriter FIELDS_WRITER = JSON.writerFor(new TypeReference<List<Object>>() {
    });

    @Inject
    public SearchCursor(ClinicFinderConfig config) {
        byte[] secret = config.search().cursorSecret()
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .orElseGet(SearchCursor::randomSecret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] randomSecret() {
        LOG.info("clinic-finder.search.cursor-secret is not set: paging cursors are signed with a key of this "
                + "process and stop working when it restarts. Set it to share cursors across instances.");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    String encode(SearchCriteria criteria, Position position) {
        try {
            byte[] payload = FIELDS_WRITER.writeValueAsBytes(List.of(VERSION, digest(criteria), position.sortKey(),
                    position.id().toString()));
            return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write a cursor", e);
        }
    }

    Position decode(String cursor, SearchCriteria criteria) {
        int dot = cursor.indexOf('.');
        byte[] payload;
        byte[] signature;
        if (dot <= 0) {
            throw invalid();
        }
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // Base64 tolerates changes in a last character's unused bits; only the exact text issued is accepted.
        boolean canonical = cursor.equals(ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(signature));
        if (!canonical || !MessageDigest.isEqual(signature, sign(payload))) {
            throw invalid();
        }
        List<Object> fields;
        try {
            fields = FIELDS_READER.readValue(payload);
        } catch (Exception e) {
            throw invalid();
        }
        if (fields.size() != 4 || !Integer.valueOf(VERSION).equals(fields.get(0))
                || !(fields.get(2) instanceof String) || !(fields.get(3) instanceof String)) {
            throw invalid();
        }
        if (!digest(criteria).equals(fields.get(1))) {
            throw ProblemException.invalidParameter("cursor", "belongs to a search with other filters or another "
                    + "sort; repeat the search that returned it, or leave the cursor out to start again");
        }
        return new Position((String) fields.get(2), UUID.fromString((String) fields.get(3)));
    }

    private static ProblemException invalid() {
        return ProblemException.invalidParameter("cursor",
                "is not a cursor this service issued; pass nextCursor back unchanged, or leave it out to start again");
    }

    private byte[] sign(byte[] payload) {
        return Arrays.copyOf(macs.get().doFinal(payload), 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(SearchCriteria criteria) {
        byte[] hash = SHA_256.get().digest(criteria.fingerprint().getBytes(StandardCharsets.UTF_8));
        return ENCODER.encodeToString(Arrays.copyOf(hash, 9));
    }
}
