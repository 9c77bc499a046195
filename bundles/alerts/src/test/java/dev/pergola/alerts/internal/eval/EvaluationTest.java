package dev.pergola.alerts.internal.eval;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

import dev.pergola.alerts.internal.Fakes;
import dev.pergola.alerts.internal.notify.AlertMails;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Channels;
import dev.pergola.alerts.internal.rule.RuleInput;
import dev.pergola.alerts.internal.service.Alerts;
import dev.pergola.alerts.internal.store.AlertDto;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.health.HealthCheck;
import dev.pergola.api.health.HealthResult;
import dev.pergola.testkit.PostgresServer;
import dev.pergola.testkit.TableAuditTrail;
import dev.pergola.testkit.TestDatabase;

/**
 * Evaluation passes against fake meter values, on H2 and on a real PostgreSQL: one notification per transition
 * (mail + audited event carrying the rule's webhook ids), reminders until acknowledged, resolution told once.
 */
@RunWith(Parameterized.class)
public class EvaluationTest {
    @ClassRule
    public static final PostgresServer POSTGRES = new PostgresServer();

    @Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return Arrays.asList(new Object[][] {{"h2"}, {"postgresql"}});
    }

    private final String type;
    private TestDatabase db;
    private final Fakes.Values values = new Fakes.Values();
    private final Fakes.Mails mails = new Fakes.Mails();
    private final TableAuditTrail audit = new TableAuditTrail();
    private final Fakes.TestClock clock = new Fakes.TestClock(Instant.parse("2026-11-30T06:00:00Z"));
    private volatile HealthResult health = HealthResult.up("fine");
    private Alerts alerts;
    private Evaluation evaluation;

    public EvaluationTest(String type) {
        this.type = type;
    }

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase(type, POSTGRES, EvaluationTest.class, "V1__alerts.sql");
        RuleStore rules = new RuleStore(db.dataSource);
        AlertStore store = new AlertStore(db.dataSource);
        HealthCheck check = () -> health;
        Observations observations = new Observations(() -> values,
                name -> name.equals("disk") ? Optional.of(check) : Optional.empty(), new SystemReadings(Path.of(".")));
        evaluation = new Evaluation(rules, store, observations, audit, new AlertMails(mails), clock);
        alerts = new Alerts(rules, store, audit, clock);
    }

    private AlertRule rule(String metric, String condition, double threshold, int forSeconds, int repeat) {
        return alerts.create(new RuleInput("Rule " + metric, null, metric, null, null, condition, threshold,
                forSeconds, "critical", true, new Channels(List.of("ops@example.test"), List.of("wh_ops")), repeat));
    }

    private List<String> actions() {
        return audit.handed.stream().map(AuditEntry::action).filter(a -> a.startsWith("alert.")).toList();
    }

    private Evaluation.Outcome pass(Duration later) {
        clock.advance(later);
        return evaluation.run();
    }

    @Test
    public void aRuleCrossingItsThresholdNotifiesOncePerTransitionAndRemindsUntilAcknowledged() throws Exception {
        rule("metric:itest.queue", ">", 10, 0, 60);
        values.values.put("itest.queue", 5.0);
        assertEquals(0, pass(Duration.ZERO).triggered());
        values.values.put("itest.queue", 12.0);
        assertEquals(1, pass(Duration.ofSeconds(15)).triggered());
        assertEquals("the same breach is not told again", 0, pass(Duration.ofSeconds(15)).triggered());
        assertEquals(List.of("ops@example.test:triggered"), mails.kinds());
        AuditEntry fired = audit.handed.get(audit.handed.size() - 1);
        assertEquals(EventTypes.ALERT_TRIGGERED, fired.action());
        assertEquals("webhooks of the rule ride on the event", List.of("wh_ops"), fired.details().get("webhook_ids"));
        assertEquals(12.0, fired.details().get("value"));

        assertEquals(1, pass(Duration.ofSeconds(45)).reminded());
        assertEquals(0, pass(Duration.ofSeconds(15)).reminded());
        assertEquals(List.of("ops@example.test:triggered", "ops@example.test:reminder"), mails.kinds());

        AlertDto open = alerts.alerts(AlertsListing.all(), null, AlertStatus.TRIGGERED).items().get(0);
        assertEquals(1, open.reminders());
        alerts.acknowledge(open.id());
        assertEquals(0, pass(Duration.ofSeconds(600)).reminded());
        assertEquals("no reminder once acknowledged", 2, mails.sent.size());

        values.values.put("itest.queue", 3.0);
        assertEquals(1, pass(Duration.ofSeconds(15)).resolved());
        assertEquals(0, pass(Duration.ofSeconds(15)).resolved());
        assertEquals(List.of("ops@example.test:triggered", "ops@example.test:reminder", "ops@example.test:resolved"),
                mails.kinds());
        assertEquals(List.of(EventTypes.ALERT_TRIGGERED, EventTypes.ALERT_ACKNOWLEDGED, EventTypes.ALERT_RESOLVED),
                actions());
        AlertDto done = alerts.alert(open.id());
        assertEquals(AlertStatus.RESOLVED, done.status());
        assertEquals(List.of(AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED, AlertStatus.RESOLVED),
                done.history().stream().map(AlertDto.HistoryEntry::status).toList());
        assertEquals(3.0, done.value(), 0);
        assertEquals(3, db.count("SELECT COUNT(*) FROM test_audit WHERE action LIKE 'alert.%'"));

        values.values.put("itest.queue", 50.0);
        assertEquals("a new breach opens a new alert", 1, pass(Duration.ofSeconds(15)).triggered());
        assertEquals(2, alerts.alerts(AlertsListing.all(), "critical", null).total());
    }

    @Test
    public void aCounterRateIsMeasuredBetweenPassesAndHealthChecksAreLevels() {
        alerts.create(new RuleInput("Failed logins", null, "metric:pergola.logins", Map.of("outcome", "failure"),
                "rate", ">", 1.0, null, "warning", true, new Channels(List.of("a@example.test"), null), null));
        rule("health:disk", ">=", 2, 0, 0);
        values.values.put("pergola.logins", 100.0);
        assertEquals("the first reading of a rate has nothing to compare with", 0, pass(Duration.ZERO).triggered());
        values.values.put("pergola.logins", 130.0);
        assertEquals("30 in 10 s = 3/s", 1, pass(Duration.ofSeconds(10)).triggered());
        assertEquals(1, pass(Duration.ofSeconds(10)).resolved());

        health = HealthResult.warn("low", Map.of());
        assertEquals("WARN (1) is not >= 2", 0, pass(Duration.ofSeconds(10)).triggered());
        health = HealthResult.down("full");
        assertEquals(1, pass(Duration.ofSeconds(10)).triggered());
        health = HealthResult.up("ok");
        assertEquals(1, pass(Duration.ofSeconds(10)).resolved());
    }

    @Test
    public void aForDurationDelaysTheAlertAndAMeterThatIsGoneChangesNothing() {
        rule("metric:itest.queue", "gte", 10, 60, 0);
        values.values.put("itest.queue", 10.0);
        assertEquals(0, pass(Duration.ZERO).triggered());
        assertEquals(0, pass(Duration.ofSeconds(30)).triggered());
        assertEquals(1, pass(Duration.ofSeconds(30)).triggered());
        values.values.remove("itest.queue");
        Evaluation.Outcome quiet = pass(Duration.ofSeconds(30));
        assertEquals(0, quiet.resolved() + quiet.triggered() + quiet.reminded());
        assertEquals(1, alerts.alerts(AlertsListing.all(), null, AlertStatus.TRIGGERED).total());
    }

    @Test
    public void acknowledgingTwiceOrAResolvedAlertIsAConflictAndDeletingTheRuleClosesItsAlert() {
        AlertRule r = rule("metric:itest.queue", ">", 1, 0, 0);
        values.values.put("itest.queue", 2.0);
        pass(Duration.ZERO);
        String id = alerts.alerts(AlertsListing.all(), null, null).items().get(0).id();
        assertNull(alerts.alert(id).acknowledgedAt());
        alerts.acknowledge(id);
        assertNotNull(alerts.alert(id).acknowledgedAt());
        try {
            alerts.acknowledge(id);
            fail("acknowledged twice");
        } catch (PergolaException e) {
            assertEquals(PergolaException.CONFLICT, e.code());
        }
        alerts.delete(r.id());
        assertEquals(AlertStatus.RESOLVED, alerts.alert(id).status());
        assertTrue(actions().contains(EventTypes.ALERT_ACKNOWLEDGED));
        assertEquals(List.of("alert_rule.created", "alert.triggered", "alert.acknowledged", "alert_rule.deleted"),
                audit.handed.stream().map(AuditEntry::action).toList());
        try {
            alerts.rule(r.id());
            fail("deleted rule still found");
        } catch (PergolaException e) {
            assertEquals(PergolaException.NOT_FOUND, e.code());
        }
    }

    @Test
    public void ruleNamesAreUniqueAndChangesAreAudited() {
        AlertRule r = rule("cpu", ">", 90, 0, 0);
        try {
            rule("cpu", ">", 80, 0, 0);
            fail("duplicate name accepted");
        } catch (PergolaException e) {
            assertEquals(PergolaException.CONFLICT, e.code());
        }
        AlertRule patched = alerts.update(r.id(), new RuleInput(null, "hot", null, null, null, "lt", null, null, null,
                false, null, null), true);
        assertEquals("<", patched.condition());
        assertEquals(90, patched.threshold(), 0);
        assertEquals(List.of("ops@example.test"), patched.channels().emails());
        assertEquals(false, patched.enabled());
        assertEquals(1, alerts.rules(AlertsListing.rules("filter[enabled]", "false")).total());
        assertEquals(List.of("alert_rule.created", "alert_rule.updated"),
                audit.handed.stream().map(AuditEntry::action).toList());
        assertEquals(0, pass(Duration.ZERO).rules());
    }
}
