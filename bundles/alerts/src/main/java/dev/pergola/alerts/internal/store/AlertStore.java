package dev.pergola.alerts.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.alerts.internal.eval.AlertStatus;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.RuleValidation;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.JdbcTransactions;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.query.SqlListQuery;

/**
 * {@code pergola_alerts} and their history. Every transition is one conditional UPDATE (or the INSERT guarded by
 * the unique open rule id) in one transaction with its audit record, so it happens, and is announced, once.
 */
@Component(service = AlertStore.class)
public class AlertStore {
    /** {@code GET /api/v1/alerts}: attributes are column names. */
    public static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).filterable()
            .field("rule_id", "rule_id", FieldType.STRING).filterable()
            .field("rule_name", "rule_name", FieldType.STRING).sortable().filterable().searchable()
            .field("metric_type", "metric_type", FieldType.STRING).sortable().filterable().searchable()
            .field("severity", "severity", FieldType.STRING).sortable().filterable()
            .field("status", "status", FieldType.STRING).sortable().filterable()
            .field("triggered_at", "triggered_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("acknowledged_at", "acknowledged_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("resolved_at", "resolved_at", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("-triggered_at")
            .build();
    private static final String COLUMNS = "id, rule_id, rule_name, severity, metric_type, operator, threshold, status,"
            + " observed, triggered_at, acknowledged_at, acknowledged_by, resolved_at, last_notified_at, reminders";
    private static final String OPEN = " status IN ('" + AlertStatus.TRIGGERED + "', '" + AlertStatus.ACKNOWLEDGED + "')";

    private final DataSource dataSource;

    @Activate
    public AlertStore(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.alerts)") MigratedSchema schema) {
        this(dataSource);
    }

    public AlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PageResult<AlertDto> list(ListQuery query) {
        SqlListQuery sql = new SqlListQuery(query);
        return run(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pergola_alerts" + sql.where())) {
                sql.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<AlertDto> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_alerts" + sql.where()
                    + sql.orderBy("id ASC", "id ASC") + " LIMIT ? OFFSET ?")) {
                int i = sql.bind(s);
                s.setInt(i++, query.perPage());
                s.setInt(i, query.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(alert(r));
                    }
                }
            }
            return new PageResult<>(items, query.page(), query.perPage(), total);
        });
    }

    /** The alert with its history. */
    public Optional<AlertDto> find(String id) {
        return run(c -> {
            Optional<AlertDto> alert = find(c, id);
            return alert.isEmpty() ? alert : Optional.of(alert.get().withHistory(history(c, id)));
        });
    }

    /** Opens an alert for {@code rule}; empty when it already has an open one (another evaluation got there first). */
    public Optional<AlertDto> trigger(AlertRule rule, double observed, Instant now,
            BiConsumer<Connection, AlertDto> audit) {
        String id = UUID.randomUUID().toString();
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_alerts (id, rule_id, rule_name, severity,"
                    + " metric_type, operator, threshold, status, observed, triggered_at, last_notified_at, reminders,"
                    + " open_rule_id) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ? FROM pergola_alert_rules WHERE id = ?"
                    + " AND NOT EXISTS (SELECT 1 FROM pergola_alerts WHERE open_rule_id = ?)")) {
                int i = 1;
                s.setString(i++, id);
                s.setString(i++, rule.id());
                s.setString(i++, rule.name());
                s.setString(i++, rule.severity());
                s.setString(i++, rule.metricType());
                s.setString(i++, rule.condition());
                s.setDouble(i++, rule.threshold());
                s.setString(i++, AlertStatus.TRIGGERED);
                Rows.setDouble(s, i++, observed);
                s.setTimestamp(i++, Rows.timestamp(now));
                s.setTimestamp(i++, Rows.timestamp(now));
                s.setString(i++, rule.id());
                s.setString(i++, rule.id());
                s.setString(i, rule.id());
                if (s.executeUpdate() == 0) {
                    return Optional.<AlertDto>empty();
                }
            }
            return Optional.of(changed(c, id, AlertStatus.TRIGGERED, observed, null, now, audit));
        });
    }

    /** Counts a reminder of a still unacknowledged alert. @return empty when it is no longer {@code triggered} */
    public Optional<AlertDto> remind(String id, double observed, Instant now) {
        return run(c -> update(c, "UPDATE pergola_alerts SET reminders = reminders + 1, last_notified_at = ?,"
                + " observed = ? WHERE id = ? AND status = '" + AlertStatus.TRIGGERED + "'", now, (Double) observed, id)
                ? find(c, id) : Optional.<AlertDto>empty());
    }

    /** Closes an open alert. @return empty when it was not open */
    public Optional<AlertDto> resolve(String id, double observed, Instant now, BiConsumer<Connection, AlertDto> audit) {
        return run(c -> {
            if (!update(c, "UPDATE pergola_alerts SET status = '" + AlertStatus.RESOLVED + "', resolved_at = ?,"
                    + " last_notified_at = ?, observed = ?, open_rule_id = NULL WHERE id = ? AND" + OPEN,
                    now, now, (Double) observed, id)) {
                return Optional.<AlertDto>empty();
            }
            return Optional.of(changed(c, id, AlertStatus.RESOLVED, observed, null, now, audit));
        });
    }

    /** Stops the reminders of a triggered alert. @return empty when it is not {@code triggered} */
    public Optional<AlertDto> acknowledge(String id, String actor, Instant now, BiConsumer<Connection, AlertDto> audit) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pergola_alerts SET status = '"
                    + AlertStatus.ACKNOWLEDGED + "', acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND status = '"
                    + AlertStatus.TRIGGERED + "'")) {
                s.setTimestamp(1, Rows.timestamp(now));
                s.setString(2, actor);
                s.setString(3, id);
                if (s.executeUpdate() == 0) {
                    return Optional.<AlertDto>empty();
                }
            }
            return Optional.of(changed(c, id, AlertStatus.ACKNOWLEDGED, null, actor, now, audit));
        });
    }

    /** Open alerts per severity (every severity present, 0 when none). */
    public Map<String, Long> openBySeverity() {
        return run(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            RuleValidation.SEVERITIES.stream().sorted().forEach(s -> counts.put(s, 0L));
            try (PreparedStatement s = c.prepareStatement("SELECT severity, COUNT(*) FROM pergola_alerts WHERE" + OPEN
                    + " GROUP BY severity"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
            return counts;
        });
    }

    /** A deleted rule's open alert is resolved with it, in the deletion's transaction. */
    static void closeForDeletedRule(Connection c, String ruleId, Instant now) throws SQLException {
        String id;
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM pergola_alerts WHERE open_rule_id = ?")) {
            s.setString(1, ruleId);
            try (ResultSet r = s.executeQuery()) {
                id = r.next() ? r.getString(1) : null;
            }
        }
        if (id != null) {
            update(c, "UPDATE pergola_alerts SET status = '" + AlertStatus.RESOLVED + "', resolved_at = ?,"
                    + " open_rule_id = NULL WHERE id = ?", now, id);
            history(c, id, AlertStatus.RESOLVED, null, "rule deleted", now);
        }
    }

    private AlertDto changed(Connection c, String id, String status, Double observed, String actor, Instant now,
            BiConsumer<Connection, AlertDto> audit) throws SQLException {
        history(c, id, status, observed, actor, now);
        AlertDto alert = find(c, id).orElseThrow();
        audit.accept(c, alert);
        return alert;
    }

    /** Runs {@code sql} with {@code values} (Instant, Double, String; a null Double is NULL). @return whether a row changed */
    private static boolean update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Instant at) {
                    s.setTimestamp(i + 1, Rows.timestamp(at));
                } else if (v == null || v instanceof Double) {
                    Rows.setDouble(s, i + 1, (Double) v);
                } else {
                    s.setString(i + 1, v.toString());
                }
            }
            return s.executeUpdate() > 0;
        }
    }

    private static void history(Connection c, String alertId, String status, Double observed, String actor,
            Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_alert_history (id, alert_id, status,"
                + " observed, actor, happened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, alertId);
            s.setString(3, status);
            Rows.setDouble(s, 4, observed);
            s.setString(5, actor);
            s.setTimestamp(6, Rows.timestamp(now));
            s.executeUpdate();
        }
    }

    private static List<AlertDto.HistoryEntry> history(Connection c, String alertId) throws SQLException {
        List<AlertDto.HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT status, observed, actor, happened_at FROM"
                + " pergola_alert_history WHERE alert_id = ? ORDER BY happened_at, id")) {
            s.setString(1, alertId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entries.add(new AlertDto.HistoryEntry(r.getString(1), Rows.nullableDouble(r, "observed"),
                            r.getString(3), Rows.instant(r, "happened_at")));
                }
            }
        }
        return entries;
    }

    private static Optional<AlertDto> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_alerts WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(alert(r)) : Optional.empty();
            }
        }
    }

    private static AlertDto alert(ResultSet r) throws SQLException {
        return new AlertDto(r.getString("id"), r.getString("rule_id"), r.getString("rule_name"),
                r.getString("severity"), r.getString("metric_type"), r.getString("operator"), r.getDouble("threshold"),
                r.getString("status"), Rows.nullableDouble(r, "observed"), Rows.instant(r, "triggered_at"),
                Rows.instant(r, "acknowledged_at"), r.getString("acknowledged_by"), Rows.instant(r, "resolved_at"),
                Rows.instant(r, "last_notified_at"), r.getInt("reminders"), null);
    }

    private <T> T run(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "alerts", work);
    }
}
