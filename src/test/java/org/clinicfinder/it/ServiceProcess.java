package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The packaged service started as a process of its own: a port for it, and the wait for its readiness. */
final class ServiceProcess {

    private ServiceProcess() {
    }

    /**
     * A port below the kernel's ephemeral range that nothing is bound to. A port the kernel hands out (port 0) can
     * be taken by an outgoing connection, the service's own to PostgreSQL included, before the service binds it.
     */
    static int freePort() throws IOException {
        int ephemeralLow = Integer.parseInt(
                Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
        int upper = ephemeralLow > 11_000 ? ephemeralLow : 65_536;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, upper);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (BindException taken) {
                // try another
            }
        }
        throw new IOException("No free port below " + upper);
    }

    /** Polls /q/health/ready for up to a minute; fails with the service's log if it exits or never gets ready. */
    static void awaitReady(Process service, int port, Supplier<String> log) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        for (int attempt = 0; attempt < 240; attempt++) {
            try {
                if (client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(service.isAlive()).as(log.get()).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError("The service did not start: " + log.get());
    }
}
