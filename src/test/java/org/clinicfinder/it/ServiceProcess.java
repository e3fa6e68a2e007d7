package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/** The packaged service started as a process of its own: a port for it, and the wait for its readiness. */
final class ServiceProcess {

    private ServiceProcess() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
