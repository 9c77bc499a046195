package dev.pergola.alerts.internal.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.alerts.internal.notify.AlertEvents;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.RuleInput;
import dev.pergola.alerts.internal.rule.RuleValidation;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.Operator;
import dev.pergola.api.query.PageResult;

/**
 * Alerts and their rules as admins use them (REST and shell alike). Each change writes its audit record in its own
 * transaction: {@code alert_rule.created|updated|deleted}, {@code alert.acknowledged}.
 */
@Component(service = Alerts.class)
public class Alerts {
    private final RuleStore rules;
    private final AlertStore alerts;
    private final AuditTrail audit;
    private final Clock clock;

    @Activate
    public Alerts(@Reference RuleStore rules, @Reference AlertStore alerts, @Reference AuditTrail audit) {
        this(rules, alerts, audit, Clock.systemUTC());
    }

    public Alerts(RuleStore rules, AlertStore alerts, AuditTrail audit, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.audit = audit;
        this.clock = clock;
    }

    public PageResult<AlertRule> rules(ListQuery query) {
        return rules.list(query);
    }

    public AlertRule rule(String id) {
        return rules.find(id).orElseThrow(() -> ruleNotFound(id));
    }

    public AlertRule create(RuleInput input) {
        RuleValidation.Valid valid = RuleValidation.check(input);
        return rules.create(valid, clock.instant(), (c, r) -> audit.record(c,
                ruleEntry(EventTypes.ALERT_RULE_CREATED, r).withAfter(r)));
    }

    /** {@code patch}: absent fields keep their value; otherwise the input replaces the rule. */
    public AlertRule update(String id, RuleInput input, boolean patch) {
        AlertRule before = rule(id);
        RuleValidation.Valid valid = RuleValidation.check(patch ? input.over(before) : input);
        return rules.update(id, valid, clock.instant(), (c, r) -> audit.record(c,
                ruleEntry(EventTypes.ALERT_RULE_UPDATED, r).withBefore(before).withAfter(r)))
                .orElseThrow(() -> ruleNotFound(id));
    }

    public void delete(String id) {
        if (!rules.delete(id, clock.instant(), (c, r) -> audit.record(c,
                ruleEntry(EventTypes.ALERT_RULE_DELETED, r).withBefore(r)))) {
            throw ruleNotFound(id);
        }
    }

    /** The alert list; {@code severity} and {@code status} (seed style query parameters) narrow it further. */
    public PageResult<AlertDto> alerts(ListQuery query, String severity, String status) {
        List<ListQuery.Filter> filters = new ArrayList<>(query.filters());
        if (severity != null && !severity.isBlank()) {
            filters.add(equal(query, "severity", severity.strip(), RuleValidation.SEVERITIES.contains(severity.strip()),
                    "one of critical, warning, info"));
        }
        if (status != null && !status.isBlank()) {
            filters.add(equal(query, "status", status.strip(),
                    dev.pergola.alerts.internal.eval.AlertStatus.ALL.contains(status.strip()),
                    "one of triggered, acknowledged, resolved"));
        }
        return alerts.list(new ListQuery(query.page(), query.perPage(), query.sorts(), filters, query.search(),
                query.fields(), query.spec()));
    }

    public AlertDto alert(String id) {
        return alerts.find(id).orElseThrow(() -> PergolaException.notFound("No alert " + id));
    }

    /** Stops the reminders of a triggered alert; it still resolves (and says so) when its condition clears. */
    public AlertDto acknowledge(String id) {
        AlertDto before = alert(id);
        AuditActor actor = audit.origin().actor();
        String by = actor == null ? null : actor.name() != null ? actor.name() : actor.id();
        AlertRule rule = rules.find(before.ruleId()).orElseGet(() -> detached(before));
        return alerts.acknowledge(id, by, clock.instant(),
                (c, a) -> audit.record(c, AlertEvents.entry(EventTypes.ALERT_ACKNOWLEDGED, rule, a)))
                .orElseThrow(() -> PergolaException.conflict("Alert " + id + " is " + before.status()
                        + ": only a triggered alert can be acknowledged"));
    }

    /** The rule as the alert remembers it, when the rule itself is gone (no channels left to notify). */
    private static AlertRule detached(AlertDto a) {
        return new AlertRule(a.ruleId(), a.ruleName(), null, a.metricType(), java.util.Map.of(), "value",
                a.condition(), a.threshold(), 0, a.severity(), false,
                dev.pergola.alerts.internal.rule.Channels.NONE, 0, null, null);
    }

    private static ListQuery.Filter equal(ListQuery query, String field, String value, boolean known, String what) {
        if (!known) {
            throw PergolaException.invalid(field, what);
        }
        return new ListQuery.Filter(query.spec().field(field).orElseThrow(), Operator.EQ, List.of(value));
    }

    private static AuditEntry ruleEntry(String type, AlertRule r) {
        return AuditEntry.of(type).withTarget("alert_rule", r.id(), r.name()).withDetail("rule_id", r.id());
    }

    private static PergolaException ruleNotFound(String id) {
        return PergolaException.notFound("No alert rule " + id);
    }
}
