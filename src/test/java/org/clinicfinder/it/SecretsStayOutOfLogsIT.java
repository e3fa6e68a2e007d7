package org.clinicfinder.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.elytron.security.common.BcryptUtil;
import org.clinicfinder.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords, tokens and keys never reach the packaged service's log or its answers, whatever is done with them:
 * right and wrong passwords over HTTP Basic and the sign-in form, tokens created, used, mistyped and revoked,
 * partner keys in the header and the query, a session's CSRF token, and the database password, session key and
 * cursor secret it is started with. The
 * service logs its own packages at DEBUG here, so that a careless debug line counts too.
 */
class SecretsStayOutOfLogsIT {

    private static final String EMAIL = "secrets-it@clinic-finder.example";
    private static final String PASSWORD = "a long and secret passphrase";
    private static final String WRONG_PASSWORD = "an almost right passphrase";
    private static final String SESSION_KEY = "session-key-of-the-secrets-test-0123456789";
    private static final String CURSOR_SECRET = "cursor-secret-of-the-secrets-test-9876543210";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> answers = new ArrayList<>();
    private Process service;
    private int port;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
        }
        TestDatabase.execute("DELETE FROM admin_account WHERE email = '" + EMAIL + "'");
    }

    @Test
    void shouldKeepEverySecretOutOfTheLogAndTheAnswers() throws Exception {
        start(Optional.of(SESSION_KEY));
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, SESSION_KEY, CURSOR_SECRET,
                basic(PASSWORD), basic(WRONG_PASSWORD)));
        // The database's password, unless it is also a name the log may well show (the default role's is).
        if (!TestDatabase.URL.contains(TestDatabase.PASSWORD) && !TestDatabase.USER.contains(TestDatabase.PASSWORD)) {
            secrets.add(TestDatabase.PASSWORD);
        }

        // Passwords, right and wrong, over HTTP Basic and the sign-in form.
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Basic " + basic(PASSWORD))))
                .isEqualTo(200);
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Basic " + basic(WRONG_PASSWORD))))
                .isEqualTo(401);
        signIn(PASSWORD);
        signIn(WRONG_PASSWORD);

        // A token: created, used, mistyped, revoked, then used again.
        HttpResponse<String> created = client.send(request("/api/v1/admin/tokens")
                .header("Authorization", "Basic " + basic(PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"secrets test\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode token = JSON.readTree(created.body());
        String secret = token.get("secret").asText();
        secrets.add(secret);
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Bearer " + secret))).isEqualTo(200);
        String mistyped = secret.substring(0, secret.length() - 1) + (secret.endsWith("x") ? "y" : "x");
        secrets.add(mistyped);
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Bearer " + mistyped))).isEqualTo(401);
        assertThat(send(request("/api/v1/admin/tokens/" + token.get("id").asText())
                .header("Authorization", "Basic " + basic(PASSWORD)).DELETE())).isEqualTo(204);
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Bearer " + secret))).isEqualTo(401);

        // A paged search: its cursor is signed with the cursor secret.
        assertThat(send(request("/api/v1/providers?limit=1"))).isEqualTo(200);

        // A partner key, in the header and in the query, from its own origin and from another; the partner is
        // added on the admin page's session, with its CSRF token.
        String session = cookie(sendForAnswer(signInRequest(PASSWORD)), "cf_admin");
        String csrfToken = cookie(sendForAnswer(request("/api/v1/admin/me").header("Cookie", "cf_admin=" + session)),
                "cf_admin_csrf");
        HttpResponse<String> partner = client.send(request("/api/v1/admin/partners")
                .header("Cookie", "cf_admin=" + session + "; cf_admin_csrf=" + csrfToken)
                .header("X-CSRF-Token", csrfToken).header("Origin", "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Secrets Journal\", \"origins\": [\"https://www.secrets-journal.example\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
        String key = JSON.readTree(partner.body()).get("key").asText();
        secrets.add(key);
        assertThat(send(request("/api/v1/treatments").header("X-Api-Key", key)
                .header("Origin", "https://www.secrets-journal.example"))).isEqualTo(200);
        assertThat(send(request("/api/v1/treatments?key=" + key)
                .header("Origin", "https://www.secrets-journal.example"))).isEqualTo(200);
        assertThat(send(request("/api/v1/treatments?key=" + key).header("Origin", "https://evil.example")))
                .isEqualTo(403);
        assertThat(send(request("/api/v1/treatments").header("X-Api-Key", key + "0"))).isIn(400, 401, 403);
        // A partner key where an admin credential belongs.
        assertThat(send(request("/api/v1/admin/me").header("Authorization", "Bearer " + key))).isEqualTo(401);

        String log = stopAndReadLog();
        assertThat(log).contains("Listening on");
        for (String value : secrets) {
            assertThat(log).as("the service's log").doesNotContain(value);
        }
        // The session and its CSRF token are in the answers that set them and that the page sends back; never
        // in the log.
        assertThat(log).doesNotContain(session).doesNotContain(csrfToken);
        // The token and the key are in the answers that created them (not among these), and in no other.
        for (String value : secrets) {
            assertThat(answers).as("the service's answers").noneMatch(answer -> answer.contains(value));
        }
    }

    @Test
    void shouldWarnOfADrawnSessionKeyWithoutLoggingIt() throws Exception {
        start(Optional.empty());
        signIn(PASSWORD);

        String log = stopAndReadLog();
        assertThat(log).contains("No session key is set (QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY)")
                .doesNotContainIgnoringCase("temporary key")
                .doesNotContain(PASSWORD);
    }

    private void start(Optional<String> sessionKey) throws Exception {
        TestDatabase.execute("DELETE FROM admin_account WHERE email = '" + EMAIL + "'");
        TestDatabase.execute("INSERT INTO admin_account (email, password_hash, role) VALUES ('" + EMAIL + "', '"
                + BcryptUtil.bcryptHash(PASSWORD) + "', 'admin')");
        port = ServiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-jar", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_LOG_CATEGORY__ORG_CLINICFINDER__LEVEL", "DEBUG");
        environment.put("CLINIC_FINDER_SEARCH_CURSOR_SECRET", CURSOR_SECRET);
        environment.remove("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY");
        sessionKey.ifPresent(value -> environment.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", value));
        TestDatabase.configure(builder);
        service = builder.start();
        ServiceProcess.awaitReady(service, port, this::log);
    }

    private String stopAndReadLog() throws InterruptedException {
        service.destroy();
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return log();
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    private int send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        answers.add(response.headers().map() + "\n" + response.body());
        return response.statusCode();
    }

    private HttpResponse<String> sendForAnswer(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void signIn(String password) throws IOException, InterruptedException {
        assertThat(send(signInRequest(password))).isIn(302, 303);
    }

    private HttpRequest.Builder signInRequest(String password) {
        String form = "email=" + URLEncoder.encode(EMAIL, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return request("/admin/j_security_check").header("Origin", "http://127.0.0.1:" + port)
                .header("Sec-Fetch-Site", "same-origin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    /** The value of the cookie this answer sets. */
    private static String cookie(HttpResponse<String> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream().filter(line -> line.startsWith(name + "="))
                .map(line -> line.substring(name.length() + 1).split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + answer.headers().map()));
    }

    private static String basic(String password) {
        return Base64.getEncoder().encodeToString((EMAIL + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
