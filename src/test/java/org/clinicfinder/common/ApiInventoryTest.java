package org.clinicfinder.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only documented endpoints answer (OWASP API9, improper inventory): every REST operation the service serves is
 * an operation of openapi.yaml and the other way round, and what is often left exposed by mistake (development
 * consoles, other versions, TRACE, methods a path does not take) is not there.
 */
@QuarkusTest
class ApiInventoryTest {

    @Test
    void shouldServeExactlyTheOperationsOfTheContract() throws IOException {
        assertThat(servedOperations()).isEqualTo(contractOperations());
    }

    @ParameterizedTest
    @CsvSource({"GET, /q/dev-ui", "GET, /q/arc", "GET, /q/dev", "GET, /api/v2/providers", "GET, /api/providers",
            "GET, /actuator/health", "GET, /.env", "GET, /admin/../q/dev-ui", "GET, /api/v1/admin/accounts/x",
            "TRACE, /api/v1/providers", "DELETE, /api/v1/providers",
            "PUT, /api/v1/treatments"})
    void shouldNotAnswerWhatIsNotDocumented(String method, String path) {
        int status = given().redirects().follow(false).request(method, path).then().extract().statusCode();
        assertThat(status).as("%s %s", method, path).isIn(400, 401, 403, 404, 405);
    }

    /** "GET /api/v1/providers" for every method of a REST resource bean, its interfaces' methods included. */
    private static Set<String> servedOperations() {
        Set<String> operations = new TreeSet<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null || !type.getPackageName().startsWith("org.clinicfinder")) {
                continue;
            }
            List<Class<?>> declaring = new ArrayList<>(List.of(type));
            declaring.addAll(List.of(type.getInterfaces()));
            for (Class<?> declarer : declaring) {
                for (Method method : declarer.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb != null) {
                        jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
                        String full = ("/" + root.value() + "/" + (path == null ? "" : path.value()))
                                .replaceAll("/+", "/");
                        operations.add(verb + " " + (full.length() > 1 ? full.replaceAll("/$", "") : full));
                    }
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Set<String> contractOperations() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
