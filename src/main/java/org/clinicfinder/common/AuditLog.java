package org.clinicfinder.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;

/**
 * The audit trail. {@link #record} joins the transaction of the change it records, so that a change and its
 * record are committed together or not at all.
 */
@ApplicationScoped
public class AuditLog {

    /** Who changed something from the command line rather than through a signed-in request. */
    public static final String COMMAND_LINE = "command line";

    public record Event(long id, OffsetDateTime occurredAt, String actor, String action, String entityType,
            String entityId, Map<String, Object> before, Map<String, Object> after) {
    }

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** Records a change; {@code before} and {@code after} hold what changed (null where there is no side). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, Object before, Object after) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_event "
                        + "(actor, action, entity_type, entity_id, before, after) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            insert.setString(1, actor);
            insert.setString(2, action);
            insert.setString(3, entityType);
            insert.setString(4, entityId);
            setJson(insert, 5, before);
            setJson(insert, 6, after);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be written", e);
        }
    }

    /** Newest first, optionally of one entity or one actor, before the event id {@code before}. */
    @Transactional
    public List<Event> list(String entityType, String entityId, String actor, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, actor, action, entity_type, entity_id, before, "
                + "after FROM audit_event WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (entityId != null) {
            sql.append(" AND entity_type = ? AND entity_id = ?");
            parameters.add(entityType);
            parameters.add(entityId);
        }
        if (actor != null) {
            sql.append(" AND lower(actor) = lower(?)");
            parameters.add(actor);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            parameters.add(before);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(limit);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), map(rs.getString(7)),
                            map(rs.getString(8))));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("The audit trail could not be read", e);
        }
    }

    private void setJson(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
            return;
        }
        try {
            statement.setString(index, json.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not recordable as JSON: " + value.getClass().getName(), e);
        }
    }

    private Map<String, Object> map(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The audit trail holds a value that is not a JSON object", e);
        }
    }
}
