package org.clinicfinder.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

@QuarkusTest
class OperationsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldReportLivenessAndReadinessWithTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database connections")));
    }

    @Test
    void shouldExposePrometheusMetrics() {
        given().get("/api/v1/treatments").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/treatments\""));
    }

    @Test
    void shouldBoundEveryStatementWithATimeout() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.createStatement().executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("5s");
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var statement = connection.createStatement();
            statement.execute("SET LOCAL statement_timeout = '50ms'");
            try {
                statement.execute("SELECT pg_sleep(1)");
                throw new AssertionError("the statement outlived its timeout");
            } catch (SQLException timedOut) {
                assertThat(ProblemMappers.isDatabaseUnavailable(timedOut)).isTrue();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Test
    void shouldTreatDatabaseTroubleAsUnavailableAndClientTroubleAsNot() {
        assertThat(ProblemMappers.isDatabaseUnavailable(new RuntimeException(
                new PSQLException("connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new SQLException("Acquisition timeout while waiting"))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnavailable(new PSQLException("syntax", PSQLState.SYNTAX_ERROR))).isFalse();
    }
}
