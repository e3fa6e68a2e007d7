package org.clinicfinder.common;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URL;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The service makes no outbound request (docs/security.md, API7: nothing to forge): none of its classes uses an
 * HTTP client, a socket or a URL connection. A feature that needs one must change this test, and say why.
 */
class NoOutboundRequestsTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.clinicfinder");

    private static final ArchRule NO_OUTBOUND_REQUESTS = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net.http..",
                        "org.eclipse.microprofile.rest.client..", "io.quarkus.rest.client..",
                        "org.jboss.resteasy.reactive.client..", "jakarta.ws.rs.client..", "io.vertx.ext.web.client..",
                        "io.vertx.mutiny.ext.web.client..", "org.apache.http..", "org.apache.hc..", "okhttp3..")
                .orShould().dependOnClassesThat().areAssignableTo(java.net.URLConnection.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.net.Socket.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.net.DatagramSocket.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.nio.channels.SocketChannel.class)
                .orShould().dependOnClassesThat().areAssignableTo(io.vertx.core.http.HttpClient.class)
                .orShould().dependOnClassesThat().areAssignableTo(io.vertx.core.net.NetClient.class)
                .orShould().callMethodWhere(describe("a URL opened", (JavaCall<?> call) ->
                        call.getTargetOwner().isEquivalentTo(URL.class) && call.getName().startsWith("open")))
                .because("the service makes no outbound request: a request it made for a caller could be forged");

    @Test
    void shouldUseNoClientThatReachesOutOfTheService() {
        NO_OUTBOUND_REQUESTS.check(SERVICE);
    }

    @Test
    void shouldFindTheServicesClassesAndCatchAClientInThem() {
        assertThat(SERVICE.containPackage("org.clinicfinder.search")).isTrue();
        assertThat(SERVICE.size()).isGreaterThan(100);
        for (Class<?> offender : List.of(FetchesWithJdkClient.class, OpensAUrl.class)) {
            assertThatThrownBy(() -> NO_OUTBOUND_REQUESTS.check(new ClassFileImporter().importClasses(offender)))
                    .as(offender.getSimpleName()).isInstanceOf(AssertionError.class);
        }
    }

    /** What the rule must catch. */
    static class FetchesWithJdkClient {
        Object fetch() {
            return java.net.http.HttpClient.newHttpClient();
        }
    }

    static class OpensAUrl {
        Object fetch(URL url) throws java.io.IOException {
            return url.openStream();
        }
    }
}
