package dev.pergola.alerts.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.alerts.internal.eval.StateMachine.OpenAlert;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Channels;
import dev.pergola.alerts.internal.rule.RuleValidation.Valid;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.JdbcTransactions;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.query.SqlListQuery;

/** {@code pergola_alert_rules}: the rules and, per rule, since when its condition has held. */
@Component(service = RuleStore.class)
public class RuleStore {
    /** {@code GET /api/v1/alerts/rules}: attributes are column names. */
    public static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).filterable()
            .field("name", "name", FieldType.STRING).sortable().filterable().searchable()
            .field("description", "description", FieldType.STRING).searchable()
            .field("metric_type", "metric_type", FieldType.STRING).sortable().filterable().searchable()
            .field("severity", "severity", FieldType.STRING).sortable().filterable()
            .field("enabled", "enabled", FieldType.BOOLEAN).sortable().filterable()
            .field("created_at", "created_at", FieldType.TIMESTAMP).sortable().filterable()
            .field("updated_at", "updated_at", FieldType.TIMESTAMP).sortable().filterable()
            .defaultSort("name")
            .build();
    /** The rule's columns, qualified with {@code r.} (the evaluation query joins the alerts). */
    private static final String COLUMNS = "r.id, r.name, r.description, r.metric_type, r.tags, r.statistic, r.operator,"
            + " r.threshold, r.for_seconds, r.severity, r.enabled, r.emails, r.webhook_ids, r.repeat_seconds,"
            + " r.created_at, r.updated_at";

    /** An enabled rule with its breach start and its open alert (null when none), for one evaluation. */
    public record RuleState(AlertRule rule, Instant breachSince, OpenAlert open) {
    }

    private final DataSource dataSource;

    @Activate
    public RuleStore(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.alerts)") MigratedSchema schema) {
        this(dataSource);
    }

    public RuleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PageResult<AlertRule> list(ListQuery query) {
        SqlListQuery sql = new SqlListQuery(query);
        return run(c -> {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pergola_alert_rules" + sql.where())) {
                sql.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getLong(1);
                }
            }
            List<AlertRule> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_alert_rules r"
                    + sql.where() + sql.orderBy("id ASC", "id ASC") + " LIMIT ? OFFSET ?")) {
                int i = sql.bind(s);
                s.setInt(i++, query.perPage());
                s.setInt(i, query.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        items.add(rule(r));
                    }
                }
            }
            return new PageResult<>(items, query.page(), query.perPage(), total);
        });
    }

    public Optional<AlertRule> find(String id) {
        return run(c -> find(c, id));
    }

    /** Enabled rules with where they stand, for the evaluation job. */
    public List<RuleState> enabled() {
        return run(c -> {
            List<RuleState> states = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", r.breach_since,"
                    + " a.id AS alert_id, a.status AS alert_status, a.last_notified_at"
                    + " FROM pergola_alert_rules r LEFT JOIN pergola_alerts a ON a.open_rule_id = r.id"
                    + " WHERE r.enabled = TRUE ORDER BY r.name");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String alertId = r.getString("alert_id");
                    states.add(new RuleState(rule(r), Rows.instant(r, "breach_since"), alertId == null ? null
                            : new OpenAlert(alertId, r.getString("alert_status"), Rows.instant(r, "last_notified_at"))));
                }
            }
            return states;
        });
    }

    /** @param audit writes the change's audit record in its transaction, given the new rule */
    public AlertRule create(Valid v, Instant now, BiConsumer<Connection, AlertRule> audit) {
        String id = UUID.randomUUID().toString();
        return run(c -> {
            uniqueName(c, v.name(), id);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pergola_alert_rules (name, description,"
                    + " metric_type, tags, statistic, operator, threshold, for_seconds, severity, enabled, emails,"
                    + " webhook_ids, repeat_seconds, created_at, updated_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?)")) {
                int i = bind(s, v, now);
                s.setTimestamp(i++, Rows.timestamp(now));
                s.setString(i, id);
                s.executeUpdate();
            }
            AlertRule created = find(c, id).orElseThrow();
            audit.accept(c, created);
            return created;
        });
    }

    /** Replaces the rule's settings; a changed condition starts its breach afresh. @return empty when absent */
    public Optional<AlertRule> update(String id, Valid v, Instant now, BiConsumer<Connection, AlertRule> audit) {
        return run(c -> {
            uniqueName(c, v.name(), id);
            try (PreparedStatement s = c.prepareStatement("UPDATE pergola_alert_rules SET name = ?, description = ?,"
                    + " metric_type = ?, tags = ?, statistic = ?, operator = ?, threshold = ?, for_seconds = ?,"
                    + " severity = ?, enabled = ?, emails = ?, webhook_ids = ?, repeat_seconds = ?, updated_at = ?,"
                    + " breach_since = NULL WHERE id = ?")) {
                int i = bind(s, v, now);
                s.setString(i, id);
                if (s.executeUpdate() == 0) {
                    return Optional.<AlertRule>empty();
                }
            }
            AlertRule updated = find(c, id).orElseThrow();
            audit.accept(c, updated);
            return Optional.of(updated);
        });
    }

    /** Deletes the rule; its open alert is closed with it (no notification: nobody watches it any more). */
    public boolean delete(String id, Instant now, BiConsumer<Connection, AlertRule> audit) {
        return run(c -> {
            Optional<AlertRule> rule = find(c, id);
            if (rule.isEmpty()) {
                return false;
            }
            AlertStore.closeForDeletedRule(c, id, now);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pergola_alert_rules WHERE id = ?")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            audit.accept(c, rule.get());
            return true;
        });
    }

    /** Records since when the rule's condition holds (null: it does not). */
    public void breachSince(String ruleId, Instant since) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE pergola_alert_rules SET breach_since = ? WHERE id = ?")) {
                s.setTimestamp(1, Rows.timestamp(since));
                s.setString(2, ruleId);
                return s.executeUpdate();
            }
        });
    }

    private static void uniqueName(Connection c, String name, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM pergola_alert_rules WHERE name = ? AND id <> ?")) {
            s.setString(1, name);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    throw PergolaException.conflict("An alert rule named '" + name + "' already exists");
                }
            }
        }
    }

    private static int bind(PreparedStatement s, Valid v, Instant now) throws SQLException {
        int i = 1;
        s.setString(i++, v.name());
        s.setString(i++, v.description());
        s.setString(i++, v.metric().toString());
        s.setString(i++, Rows.tags(v.tags()));
        s.setString(i++, v.statistic().wire());
        s.setString(i++, v.operator().symbol());
        s.setDouble(i++, v.threshold());
        s.setInt(i++, v.forSeconds());
        s.setString(i++, v.severity());
        s.setBoolean(i++, v.enabled());
        s.setString(i++, Rows.joined(v.channels().emails()));
        s.setString(i++, Rows.joined(v.channels().webhookIds()));
        s.setInt(i++, v.repeatIntervalSeconds());
        s.setTimestamp(i++, Rows.timestamp(now));
        return i;
    }

    private static Optional<AlertRule> find(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM pergola_alert_rules r WHERE r.id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(rule(r)) : Optional.empty();
            }
        }
    }

    private static AlertRule rule(ResultSet r) throws SQLException {
        return new AlertRule(r.getString("id"), r.getString("name"), r.getString("description"),
                r.getString("metric_type"), Rows.tags(r.getString("tags")), r.getString("statistic"),
                r.getString("operator"), r.getDouble("threshold"), r.getInt("for_seconds"), r.getString("severity"),
                r.getBoolean("enabled"), new Channels(Rows.split(r.getString("emails")),
                        Rows.split(r.getString("webhook_ids"))), r.getInt("repeat_seconds"),
                Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }

    private <T> T run(JdbcTransactions.Work<T> work) {
        return JdbcTransactions.run(dataSource, "alert rules", work);
    }
}
