package org.clinicfinder.embed;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins (RFC 6454) in the one form the service compares: {@code scheme://host[:port]}, lower case, IDN
 * hosts in their ASCII form, the scheme's default port left out. Browsers send this form in {@code Origin}.
 */
public final class WebOrigins {

    private WebOrigins() {
    }

    /** The origin a partner registers; anything but a bare http(s) origin is refused with the reason. */
    public static String registered(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an origin such as https://www.example.com");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("\"" + text + "\" is not a bare origin: give only scheme, host and port, "
                    + "such as https://www.example.com");
        }
        return of(uri).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not an http or https origin such as https://www.example.com"));
    }

    /**
     * The origin a browser request comes from: its {@code Origin} header, else the origin of its {@code Referer}.
     * Empty when neither names one (an opaque "null" origin included).
     */
    public static Optional<String> ofRequest(String originHeader, String referer) {
        if (originHeader != null && !originHeader.isBlank()) {
            return parse(originHeader);
        }
        if (referer != null && !referer.isBlank()) {
            return parse(referer);
        }
        return Optional.empty();
    }

    /** The origin of a URL, if it has an http(s) one. */
    public static Optional<String> parse(String url) {
        try {
            return of(new URI(url.strip()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> of(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            return Optional.empty();
        }
        String host = IDN.toASCII(uri.getHost(), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
    }
}
