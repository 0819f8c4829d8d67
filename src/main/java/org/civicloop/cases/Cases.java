package org.civicloop.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.civicloop.shared.CaseId;
import org.civicloop.shared.GeoPoint;
import org.civicloop.shared.MessageId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The cases, their history and their reporters, in PostgreSQL. */
@Repository
class Cases {

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextNumber() {
        return jdbc.sql("SELECT nextval('case_number_seq')").query(Long.class).single();
    }

    void insert(Case c) {
        jdbc.sql("""
                INSERT INTO civic_case (id, reference, service_code, department_code, priority, status, title,
                    description, address, latitude, longitude, assignee, opened_at, updated_at, acknowledge_due,
                    resolve_due, acknowledged_at, resolved_at, closed_at, version)
                VALUES (:id, :reference, :service, :department, :priority, :status, :title, :description,
                    :address, :lat, :lng, :assignee, :openedAt, :updatedAt, :ackDue, :resolveDue, :ackAt,
                    :resolvedAt, :closedAt, 0)
                """).params(params(c)).update();
    }

    void update(Case c) {
        int rows = jdbc.sql("""
                UPDATE civic_case SET priority = :priority, status = :status, assignee = :assignee,
                    updated_at = :updatedAt, acknowledged_at = :ackAt, resolved_at = :resolvedAt,
                    closed_at = :closedAt, version = version + 1
                WHERE id = :id AND version = :version
                """).params(params(c)).param("version", c.version()).update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("Case " + c.reference() + " was changed by someone else");
        }
    }

    private static Map<String, Object> params(Case c) {
        var p = new java.util.HashMap<String, Object>();
        p.put("id", c.id().value());
        p.put("reference", c.reference());
        p.put("service", c.serviceCode());
        p.put("department", c.departmentCode());
        p.put("priority", c.priority().code());
        p.put("status", c.status().code());
        p.put("title", c.title());
        p.put("description", c.description());
        p.put("address", c.address());
        p.put("lat", c.location() == null ? null : c.location().latitude());
        p.put("lng", c.location() == null ? null : c.location().longitude());
        p.put("assignee", c.assignee());
        p.put("openedAt", ts(c.openedAt()));
        p.put("updatedAt", ts(c.updatedAt()));
        p.put("ackDue", ts(c.acknowledgeDue()));
        p.put("resolveDue", ts(c.resolveDue()));
        p.put("ackAt", ts(c.acknowledgedAt()));
        p.put("resolvedAt", ts(c.resolvedAt()));
        p.put("closedAt", ts(c.closedAt()));
        return p;
    }

    Optional<Case> findById(CaseId id) {
        return jdbc.sql("SELECT * FROM civic_case WHERE id = :id")
                .param("id", id.value())
                .query(Cases::map)
                .optional();
    }

    Optional<Case> findByReference(String reference) {
        return jdbc.sql("SELECT * FROM civic_case WHERE upper(reference) = upper(:ref)")
                .param("ref", reference)
                .query(Cases::map)
                .optional();
    }

    List<Case> find(CaseFilter filter, int limit, int offset) {
        var where = new ArrayList<String>();
        var params = new java.util.HashMap<String, Object>();
        if (filter.status() != null) {
            where.add("status = :status");
            params.put("status", filter.status().code());
        }
        if (filter.openOnly()) {
            where.add("status NOT IN ('resolved', 'closed')");
        }
        if (filter.departmentCode() != null) {
            where.add("department_code = :department");
            params.put("department", filter.departmentCode());
        }
        if (filter.text() != null) {
            where.add("(title ILIKE :text OR reference ILIKE :text OR coalesce(address, '') ILIKE :text)");
            params.put(
                    "text",
                    "%"
                            + filter.text()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        String sql = "SELECT * FROM civic_case" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY opened_at DESC LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql)
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query(Cases::map)
                .list();
    }

    Map<CaseStatus, Long> countByStatus() {
        var counts = new java.util.EnumMap<CaseStatus, Long>(CaseStatus.class);
        jdbc.sql("SELECT status, count(*) AS n FROM civic_case GROUP BY status")
                .query((rs, i) -> Map.entry(CaseStatus.fromCode(rs.getString("status")), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    void recordEvent(
            CaseId id,
            Instant at,
            String actor,
            CaseStatus from,
            CaseStatus to,
            String publicNote,
            String internalNote) {
        jdbc.sql("""
                INSERT INTO case_event (case_id, occurred_at, actor, from_status, to_status, public_note, internal_note)
                VALUES (:id, :at, :actor, :from, :to, :publicNote, :internalNote)
                """)
                .param("id", id.value())
                .param("at", ts(at))
                .param("actor", actor)
                .param("from", from == null ? null : from.code())
                .param("to", to.code())
                .param("publicNote", blankToNull(publicNote))
                .param("internalNote", blankToNull(internalNote))
                .update();
    }

    List<CaseHistoryEntry> history(CaseId id) {
        return jdbc.sql("SELECT * FROM case_event WHERE case_id = :id ORDER BY occurred_at, id")
                .param("id", id.value())
                .query((rs, i) -> new CaseHistoryEntry(
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("from_status") == null ? null : CaseStatus.fromCode(rs.getString("from_status")),
                        CaseStatus.fromCode(rs.getString("to_status")),
                        rs.getString("public_note"),
                        rs.getString("internal_note")))
                .list();
    }

    /** Attaches a message as a reporter; false when it already reports a case. */
    boolean attach(CaseId id, MessageId messageId, String channel, Instant at, String actor) {
        return jdbc.sql("""
                INSERT INTO case_reporter (case_id, message_id, channel, attached_at, attached_by)
                VALUES (:id, :message, :channel, :at, :actor)
                ON CONFLICT (message_id) DO NOTHING
                """)
                        .param("id", id.value())
                        .param("message", messageId.value())
                        .param("channel", channel)
                        .param("at", ts(at))
                        .param("actor", actor)
                        .update()
                == 1;
    }

    Optional<CaseId> caseOf(MessageId messageId) {
        return jdbc.sql("SELECT case_id FROM case_reporter WHERE message_id = :m")
                .param("m", messageId.value())
                .query((rs, i) -> new CaseId(rs.getObject("case_id", UUID.class)))
                .optional();
    }

    List<Reporter> reporters(CaseId id) {
        return jdbc.sql("SELECT * FROM case_reporter WHERE case_id = :id ORDER BY attached_at")
                .param("id", id.value())
                .query((rs, i) -> new Reporter(
                        new MessageId(rs.getObject("message_id", UUID.class)),
                        rs.getString("channel"),
                        rs.getTimestamp("attached_at").toInstant(),
                        rs.getString("attached_by")))
                .list();
    }

    // --- catalogue ---

    List<Department> departments() {
        return jdbc.sql("SELECT * FROM department ORDER BY name")
                .query((rs, i) -> new Department(rs.getString("code"), rs.getString("name"), rs.getString("email")))
                .list();
    }

    List<Service> services() {
        return jdbc.sql("SELECT * FROM service WHERE active ORDER BY name")
                .query(Cases::mapService)
                .list();
    }

    Optional<Service> service(String code) {
        return jdbc.sql("SELECT * FROM service WHERE code = :code AND active")
                .param("code", code)
                .query(Cases::mapService)
                .optional();
    }

    void saveDepartment(Department d) {
        jdbc.sql("""
                INSERT INTO department (code, name, email) VALUES (:code, :name, :email)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
                """)
                .param("code", d.code())
                .param("name", d.name())
                .param("email", d.email())
                .update();
    }

    void saveService(Service s) {
        jdbc.sql("""
                INSERT INTO service (code, name, description, department_code, acknowledge_hours, resolve_hours, keywords)
                VALUES (:code, :name, :description, :department, :ack, :resolve, :keywords)
                ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                    department_code = EXCLUDED.department_code, acknowledge_hours = EXCLUDED.acknowledge_hours,
                    resolve_hours = EXCLUDED.resolve_hours, keywords = EXCLUDED.keywords, active = true
                """)
                .param("code", s.code())
                .param("name", s.name())
                .param("description", s.description())
                .param("department", s.departmentCode())
                .param("ack", s.acknowledgeHours())
                .param("resolve", s.resolveHours())
                .param("keywords", s.keywords())
                .update();
    }

    private static Service mapService(ResultSet rs, int i) throws SQLException {
        return new Service(
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("department_code"),
                rs.getInt("acknowledge_hours"),
                rs.getInt("resolve_hours"),
                rs.getString("keywords"));
    }

    private static Case map(ResultSet rs, int i) throws SQLException {
        Double lat = rs.getObject("latitude", Double.class);
        Double lng = rs.getObject("longitude", Double.class);
        return new Case(
                new CaseId(rs.getObject("id", UUID.class)),
                rs.getString("reference"),
                rs.getString("service_code"),
                rs.getString("department_code"),
                CasePriority.fromCode(rs.getString("priority")),
                CaseStatus.fromCode(rs.getString("status")),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("address"),
                GeoPoint.ofNullable(lat, lng),
                rs.getString("assignee"),
                instant(rs, "opened_at"),
                instant(rs, "updated_at"),
                instant(rs, "acknowledge_due"),
                instant(rs, "resolve_due"),
                instant(rs, "acknowledged_at"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
