package org.clinicfinder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** docker/: no Docker engine runs the tests, so the files are checked as far as a parser can take them. */
class DockerFilesTest {

    private static final Path COMPOSE = Path.of("docker", "compose.yaml");
    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");

    @Test
    void shouldPassDockerComposeValidation() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed; scripts/test installs it on Debian");
        Process process = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void shouldWireTheServiceToItsDatabase() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        JsonNode service = compose.at("/services/service");
        assertThat(compose.at("/services/db/image").asText()).startsWith("postgres:");
        assertThat(service.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(service.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://db:5432/clinic_finder");
        assertThat(service.at("/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(service.at("/ports/0").asText()).isEqualTo("8080:8080");
    }

    @Test
    void shouldKeepTheDatabaseAndItsLocalPasswordOffTheHostsNetwork() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        // The password has a default for a local trial; the database is reachable only on the compose network.
        assertThat(compose.at("/services/db/ports").isMissingNode()).as("ports of the database").isTrue();
        assertThat(compose.at("/services/db/network_mode").isMissingNode()).isTrue();
        assertThat(compose.at("/services/db/environment/POSTGRES_PASSWORD").asText()).startsWith("${POSTGRES_PASSWORD");
    }

    @Test
    void shouldShipNoAccountKeyOrTokenInTheSchema() throws IOException {
        try (var migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            for (Path migration : migrations.toList()) {
                assertThat(Files.readString(migration, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT))
                        .as("%s: credentials are made by the admin and partner commands, none ship", migration)
                        .doesNotContainPattern("insert\\s+into\\s+(admin_account|admin_token|partner)\\b");
            }
        }
    }

    @Test
    void shouldRunTheImportJobFromTheSameImageWithoutAPort() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
        JsonNode job = compose.at("/services/import");
        assertThat(job.at("/image").asText()).isEqualTo(compose.at("/services/service/image").asText());
        assertThat(job.at("/command/0").asText()).isEqualTo("import");
        assertThat(job.has("ports")).isFalse();
        assertThat(job.at("/environment/QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://db:5432/clinic_finder");
    }

    @Test
    void shouldRunTheServiceAsANonRootUser() throws IOException {
        List<String> users = Files.readAllLines(DOCKERFILE).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("USER "))
                .map(line -> line.substring(5).strip())
                .toList();
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).isNotIn("root", "0");
        // The image starts through the launcher, with the JVM options the benchmarks measure.
        assertThat(Files.readString(DOCKERFILE)).contains("ENTRYPOINT [\"/deployments/clinic-finder\"]")
                .contains("CLINIC_FINDER_APP=/deployments");
        assertThat(Files.readString(Path.of("scripts/clinic-finder"))).contains("quarkus-run.jar");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
