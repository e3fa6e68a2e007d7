package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.quarkus.elytron.security.common.BcryptUtil;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100,000-provider export (over 100 MB of CSV: each row carries a long website) from the packaged service on
 * a 64 MB heap: it can only succeed if rows are streamed from the database to the client as they are read.
 */
class ExportIT {

    private static final int PROVIDERS = 100_000;
    private static final String HEAP = "-Xmx64m";
    private static final String EMAIL = "export-it@clinic-finder.example";
    private static final String PASSWORD = "a long and secret passphrase";

    @TempDir
    Path dir;

    private Process service;
    private int port;

    @BeforeEach
    void bigDirectoryAndSmallService() throws Exception {
        TestDatabase.execute("DELETE FROM provider WHERE source = 'export-it'");
        TestDatabase.execute("""
                INSERT INTO provider (name, kind, city, country, latitude, longitude, phone, treatments, languages,
                    credentials, source, source_key, published, website)
                SELECT '=Clinic ' || n, 'clinic', 'Town ' || (n %% 5000), 'GB', 50 + (n %% 500) / 100.0,
                    -3 + (n %% 300) / 100.0, '+44207946' || lpad((n %% 10000)::text, 4, '0'), '{acne-scars,wrinkles}',
                    '{en}', '[{"title": "Diploma in Skin Needling", "issuer": "Academy", "year": 2021,
                    "status": "unverified"}]', 'export-it', 'it:' || n, true,
                    'https://clinic-' || n || '.example/' || repeat('skin-needling/', 70)
                FROM generate_series(1, %d) n""".formatted(PROVIDERS));
        TestDatabase.execute("DELETE FROM admin_account WHERE email = '" + EMAIL + "'");
        TestDatabase.execute("INSERT INTO admin_account (email, password_hash, role) VALUES ('" + EMAIL + "', '"
                + BcryptUtil.bcryptHash(PASSWORD) + "', 'editor')");
        port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", HEAP, "-XX:+ExitOnOutOfMemoryError", "-jar",
                "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        TestDatabase.configure(builder);
        service = builder.start();
        ServiceProcess.awaitReady(service, port, this::log);
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        TestDatabase.execute("DELETE FROM provider WHERE source = 'export-it'");
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void shouldStreamADirectoryLargerThanItsHeap() throws Exception {
        String credentials = Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/admin/export?format=csv&published=true"))
                        .header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long rows = 0;
        long characters = 0;
        long neutralised = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertThat(header).startsWith("\"id\",\"name\",");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows++;
                characters += line.length();
                if (line.contains(",\"'=Clinic ")) {
                    neutralised++;
                }
            }
        }
        assertThat(rows).isGreaterThanOrEqualTo(PROVIDERS);
        assertThat(characters).as("the export is larger than the heap, with room").isGreaterThan(100_000_000);
        assertThat(neutralised).isEqualTo(PROVIDERS);
        assertThat(service.isAlive()).as("the service survived the export on %s", HEAP).isTrue();
        assertThat(log()).doesNotContain("OutOfMemoryError");
    }
}
