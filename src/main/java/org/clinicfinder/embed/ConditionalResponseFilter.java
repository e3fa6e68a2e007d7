package org.clinicfinder.embed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.clinicfinder.common.ApiContract;
import org.clinicfinder.common.WrittenJson;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * ETag, Cache-Control and 304 Not Modified for the operations whose contract declares a 304 answer and
 * names their class of cache lifetime ({@code x-cache-max-age}, configured in {@link CachingConfig}). The
 * ETag is a checksum of the body, so it changes when the answer does; the body is serialised here once, to
 * checksum it, and sent as those bytes.
 *
 * <p>The tag needs no secrecy, only to differ between two versions of one answer: CRC-32C and CRC-32 of the
 * body (two polynomials, 64 bits) and its length. Both checksums run as CPU instructions in every compiler
 * tier; SHA-256, which C1-compiled code runs as plain Java, took a third of the service's CPU time on a page
 * of 20 providers when it ran C1 alone (docs/benchmarks.md).
 */
public class ConditionalResponseFilter {

    @Inject
    ApiContract contract;

    @Inject
    ObjectMapper json;

    /** Looked up on first use: filters are built at static init, before the runtime configuration exists. */
    @Inject
    Provider<CachingConfig> config;

    /** The configuration, once looked up; each lookup would build the mapping anew. */
    private volatile CachingConfig loadedConfig;

    @ServerResponseFilter
    public void conditional(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource)
            throws JsonProcessingException {
        if (resource == null || resource.getResourceMethod() == null || response.getStatus() != 200
                || !response.hasEntity() || !isRead(request.getMethod())) {
            return;
        }
        Optional<String> cacheClass = contract.cacheClass(resource.getResourceMethod().getName());
        if (cacheClass.isEmpty()) {
            return;
        }
        Object entity = response.getEntity();
        byte[] body;
        if (entity instanceof WrittenJson written) {
            body = written.json();
        } else if (entity instanceof byte[] bytes) {
            body = bytes;
        } else if (entity instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else {
            body = json.writeValueAsBytes(entity);
        }
        String etag = etag(body);
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL,
                "public, max-age=" + config().maxAge(cacheClass.get()).toSeconds());
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
        } else {
            response.setEntity(body, response.getEntityAnnotations(), response.getMediaType());
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** RFC 9110 If-None-Match: "*" or a list of tags, compared weakly. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    static String etag(byte[] body) {
        CRC32C castagnoli = new CRC32C();
        castagnoli.update(body);
        CRC32 ieee = new CRC32();
        ieee.update(body);
        byte[] tag = ByteBuffer.allocate(12)
                .putInt((int) castagnoli.getValue())
                .putInt((int) ieee.getValue())
                .putInt(body.length)
                .array();
        // Weak: the same tag stands for the gzip and the plain encoding of the body (RFC 9110, 8.8.1).
        return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag) + "\"";
    }

    private CachingConfig config() {
        CachingConfig loaded = loadedConfig;
        if (loaded == null) {
            loaded = config.get();
            loadedConfig = loaded;
        }
        return loaded;
    }
}
