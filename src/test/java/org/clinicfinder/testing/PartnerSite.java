package org.clinicfinder.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's web site: static pages served from an origin of its own (http://127.0.0.1:PORT), apart from the
 * service's (http://localhost:PORT), so that everything the widget does there is cross-origin.
 */
public final class PartnerSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    public PartnerSite() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes a page with this body and answers its address. */
    public String page(String path, String title, String body) {
        pages.put(path, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><style>body{font-family:Georgia,serif;color:#222;background:#fbf7f0;margin:24px}"
                + "h1{font-size:22px}</style></head><body><h1>" + title + "</h1>" + body + "</body></html>");
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
