package org.clinicfinder.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.clinicfinder.testing.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.clinicfinder.testing.DirectoryTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database that refuses writes or holds them past the statement timeout: the change is answered with 503
 * problem+json and Retry-After, never a 500, and nothing of it is written. Reads go on being served. A failure
 * that is not the database's availability is a 500 that says only the id under which it was logged.
 */
@QuarkusTest
class DatabaseFaultsTest extends DirectoryTest {

    @Inject
    AccountService accounts;

    private String editor;
    private UUID listed;

    @BeforeEach
    void editorAndProvider() {
        editor = TestAccounts.create(accounts, AdminRole.EDITOR);
        listed = providers.provider("Harbourside Skin Clinic").insert();
    }

    private RequestSpecification asEditor() {
        return api().auth().preemptive().basic(editor, TestAccounts.PASSWORD);
    }

    @Test
    void shouldRefuseChangesWhileTheDatabaseIsReadOnly() throws SQLException {
        setReadOnly(true);
        try {
            asEditor().header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + listed + "/unpublish").then()
                    .statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("/problems/service-unavailable"));
            asEditor().header("If-Match", "\"v0\"").contentType("application/merge-patch+json")
                    .body("{\"phone\": \"+44 20 7946 0000\"}")
                    .patch("/api/v1/admin/providers/" + listed).then()
                    .statusCode(503).contentType("application/problem+json");
            api().get("/api/v1/providers/" + listed).then().statusCode(200)
                    .body("name", equalTo("Harbourside Skin Clinic"));
        } finally {
            setReadOnly(false);
        }
        assertUnchanged();
        // Writable again, the same change goes through.
        asEditor().header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + listed + "/unpublish").then()
                .statusCode(200);
    }

    @Test
    void shouldGiveUpAChangeThatWaitsPastTheStatementTimeout() throws SQLException {
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM provider WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, listed);
                lock.executeQuery().close();
            }
            try {
                asEditor().header("If-Match", "\"v0\"").post("/api/v1/admin/providers/" + listed + "/unpublish")
                        .then().statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", equalTo("5"))
                        .body("type", equalTo("/problems/service-unavailable"));
            } finally {
                holder.rollback();
            }
        }
        assertUnchanged();
    }

    @Test
    void shouldAnswerAnUnexpectedFailureWithItsIdOnly() throws SQLException {
        // A fault that is not the database's availability (here, a privilege taken away) is the service's own.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("REVOKE SELECT ON provider FROM CURRENT_USER");
        }
        String body;
        try {
            body = api().get("/api/v1/providers/" + listed).then()
                    .statusCode(500).contentType("application/problem+json")
                    .body("type", equalTo("/problems/internal-error"))
                    .body("detail", matchesPattern("The failure was logged with the id [0-9a-f]{8}; .*"))
                    .extract().asString();
        } finally {
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("GRANT SELECT ON provider TO CURRENT_USER");
            }
        }
        assertThat(body).doesNotContainIgnoringCase("permission").doesNotContain("provider ", "SQL", "Exception",
                "\tat ", "org.");
        api().get("/api/v1/providers/" + listed).then().statusCode(200);
    }

    private void assertUnchanged() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement read = connection.prepareStatement(
                        "SELECT published, version FROM provider WHERE id = ?")) {
            read.setObject(1, listed);
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean("published")).isTrue();
                assertThat(rs.getLong("version")).isZero();
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement audit = connection.prepareStatement(
                        "SELECT count(*) FROM audit_event WHERE entity_type = 'provider' AND entity_id = ?")) {
            audit.setString(1, listed.toString());
            try (ResultSet rs = audit.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("audit entries of a change that did not happen").isZero();
            }
        }
    }

    /**
     * The database set read-only as an operator would (its connections then start read-only), and the pool's
     * connections replaced so that the service meets the setting at once rather than as its connections age.
     */
    private void setReadOnly(boolean readOnly) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET default_transaction_read_only = off");
            statement.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I " + (readOnly
                    ? "SET default_transaction_read_only = on" : "RESET default_transaction_read_only")
                    + "', current_database()); END $$");
        }
        dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
    }
}
