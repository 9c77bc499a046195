package dev.pergola.alerts.internal.rule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

/** What a valid rule is: metric types, operators in both spellings, thresholds, channels, and all problems at once. */
public class RuleValidationTest {
    private static RuleInput rule(String metric, String condition, Double threshold) {
        return new RuleInput("CPU high", null, metric, null, null, condition, threshold, null, null, null, null, null);
    }

    @Test
    public void aMinimalRuleGetsItsDefaults() {
        RuleValidation.Valid v = RuleValidation.check(rule("cpu", "gt", 90.0));
        assertEquals(Operator.GT, v.operator());
        assertEquals(new MetricType(MetricType.Kind.BUILTIN, "cpu"), v.metric());
        assertEquals("warning", v.severity());
        assertTrue(v.enabled());
        assertEquals(0, v.forSeconds());
        assertEquals(0, v.repeatIntervalSeconds());
        assertEquals(MeterStatistic.VALUE, v.statistic());
    }

    @Test
    public void operatorsAreAcceptedAsSymbolsAndAsNames() {
        for (String[] pair : new String[][] {{">", "gt"}, {">=", "gte"}, {"<", "lt"}, {"<=", "lte"}, {"==", "eq"},
                {"!=", "ne"}}) {
            assertEquals(Operator.parse(pair[0]).orElseThrow(), Operator.parse(pair[1].toUpperCase()).orElseThrow());
            assertEquals(pair[0], Operator.parse(pair[1]).orElseThrow().symbol());
        }
        assertTrue(Operator.GTE.holds(5, 5));
        assertFalse(Operator.GT.holds(5, 5));
        assertTrue(Operator.NE.holds(4, 5));
        assertFalse(Operator.parse("=>").isPresent());
    }

    @Test
    public void meterAndHealthTypesAreParsedWithTheirNames() {
        RuleValidation.Valid v = RuleValidation.check(new RuleInput("Logins failing", null,
                "metric:pergola.logins", Map.of("outcome", "failure"), "rate", ">", 0.5, 30, "critical", true,
                new Channels(List.of(" ops@example.test ", "ops@example.test"), List.of("wh_1")), 600));
        assertEquals(new MetricType(MetricType.Kind.METRIC, "pergola.logins"), v.metric());
        assertEquals(MeterStatistic.RATE, v.statistic());
        assertEquals(Map.of("outcome", "failure"), v.tags());
        assertEquals("addresses are trimmed and kept once", List.of("ops@example.test"), v.channels().emails());
        assertEquals(List.of("wh_1"), v.channels().webhookIds());
        assertEquals(new MetricType(MetricType.Kind.HEALTH, "disk"),
                RuleValidation.check(rule("health:disk", ">=", 2.0)).metric());
    }

    @Test
    public void everyProblemIsReportedAtOnceByField() {
        try {
            RuleValidation.check(new RuleInput(" ", "x".repeat(1001), "health:", Map.of("k", "v"), "rate", "=>",
                    Double.NaN, -1, "urgent", null, new Channels(List.of("not-an-address"), List.of("wh 1")),
                    99_999_999));
            fail("invalid rule accepted");
        } catch (PergolaException e) {
            assertEquals(PergolaException.VALIDATION, e.code());
            assertEquals(List.of("name", "description", "metric_type", "tags", "statistic", "condition", "threshold",
                    "for_seconds", "severity", "channels.emails", "channels.webhook_ids", "repeat_interval_seconds"),
                    List.copyOf(e.details().keySet()));
        }
    }

    @Test
    public void tagsAndStatisticsApplyToMeterRulesOnly() {
        try {
            RuleValidation.check(new RuleInput("Disk", null, "disk", Map.of("a", "b"), "rate", ">", 90.0, null, null,
                    null, null, null));
            fail("tags on a built-in accepted");
        } catch (PergolaException e) {
            assertTrue(e.details().containsKey("tags"));
            assertTrue(e.details().containsKey("statistic"));
        }
        try {
            RuleValidation.check(new RuleInput("Bad tag", null, "metric:pergola.requests", Map.of("status", "5,00"),
                    null, ">", 1.0, null, null, null, null, null));
            fail("a tag value with a comma accepted (lists are stored comma-separated)");
        } catch (PergolaException e) {
            assertTrue(e.details().containsKey("tags"));
        }
    }

    @Test
    public void aPatchKeepsWhatItDoesNotName() {
        AlertRule stored = new AlertRule("r1", "CPU high", "desc", "cpu", Map.of(), "value", ">", 90, 60, "critical",
                true, new Channels(List.of("a@b.test"), List.of()), 300, null, null);
        RuleInput patch = new RuleInput(null, null, null, null, null, null, 95.0, null, null, false, null, null);
        RuleValidation.Valid v = RuleValidation.check(patch.over(stored));
        assertEquals(95.0, v.threshold(), 0);
        assertFalse(v.enabled());
        assertEquals("critical", v.severity());
        assertEquals(60, v.forSeconds());
        assertEquals(List.of("a@b.test"), v.channels().emails());
    }
}
