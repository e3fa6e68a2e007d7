package org.clinicfinder.embed;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client a request is counted against: its IP address (as the proxy settings make it, see
 * docs/embedding.md), with IPv6 addresses taken per /64, the block one subscriber usually holds.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        if (address == null) {
            return "unknown";
        }
        String literal = address.hostAddress() != null ? address.hostAddress() : address.host();
        if (literal == null || literal.isBlank()) {
            return "unknown";
        }
        if (literal.indexOf(':') < 0) {
            return literal;
        }
        try {
            // A literal is parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(literal.startsWith("[") ? literal : "[" + literal + "]");
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
