package dev.pergola.alerts.internal.eval;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Instant;
import java.util.OptionalDouble;

import org.junit.Test;

import dev.pergola.alerts.internal.eval.StateMachine.Action;
import dev.pergola.alerts.internal.eval.StateMachine.Decision;
import dev.pergola.alerts.internal.eval.StateMachine.OpenAlert;
import dev.pergola.alerts.internal.eval.StateMachine.Situation;
import dev.pergola.alerts.internal.rule.Operator;

/** triggered → acknowledged → resolved, decided once per transition, reminders only while unacknowledged. */
public class StateMachineTest {
    private final Instant t0 = Instant.parse("2026-11-30T06:00:00Z");

    private static Situation situation(Instant since, OpenAlert open) {
        return new Situation(Operator.GT, 90, 60, 300, since, open);
    }

    private static OptionalDouble v(double d) {
        return OptionalDouble.of(d);
    }

    @Test
    public void theConditionMustHoldForItsDurationBeforeTheAlertFires() {
        Decision first = StateMachine.decide(situation(null, null), v(95), t0);
        assertEquals(Action.NONE, first.action());
        assertEquals(t0, first.breachSince());
        assertEquals(Action.NONE, StateMachine.decide(situation(t0, null), v(95), t0.plusSeconds(59)).action());
        Decision fired = StateMachine.decide(situation(t0, null), v(95), t0.plusSeconds(60));
        assertEquals(Action.TRIGGER, fired.action());
        assertEquals(t0, fired.breachSince());
    }

    @Test
    public void aBreakInTheBreachStartsTheDurationAgain() {
        Decision dip = StateMachine.decide(situation(t0, null), v(80), t0.plusSeconds(30));
        assertEquals(Action.NONE, dip.action());
        assertNull(dip.breachSince());
        assertEquals(Action.NONE, StateMachine.decide(situation(null, null), v(95), t0.plusSeconds(61)).action());
    }

    @Test
    public void aTriggeredAlertIsRemindedEveryIntervalAndNotInBetween() {
        OpenAlert open = new OpenAlert("a", AlertStatus.TRIGGERED, t0);
        assertEquals(Action.NONE, StateMachine.decide(situation(t0, open), v(95), t0.plusSeconds(299)).action());
        assertEquals(Action.REMIND, StateMachine.decide(situation(t0, open), v(95), t0.plusSeconds(300)).action());
    }

    @Test
    public void anAcknowledgedAlertGetsNoRemindersButStillResolves() {
        OpenAlert acked = new OpenAlert("a", AlertStatus.ACKNOWLEDGED, t0);
        assertEquals(Action.NONE, StateMachine.decide(situation(t0, acked), v(95), t0.plusSeconds(3600)).action());
        assertEquals(Action.RESOLVE, StateMachine.decide(situation(t0, acked), v(10), t0.plusSeconds(3600)).action());
    }

    @Test
    public void noRepeatIntervalMeansNoReminders() {
        OpenAlert open = new OpenAlert("a", AlertStatus.TRIGGERED, t0);
        Situation s = new Situation(Operator.GT, 90, 0, 0, t0, open);
        assertEquals(Action.NONE, StateMachine.decide(s, v(95), t0.plusSeconds(86_400)).action());
    }

    @Test
    public void withoutAValueNothingChanges() {
        OpenAlert open = new OpenAlert("a", AlertStatus.TRIGGERED, t0);
        Decision d = StateMachine.decide(situation(t0, open), OptionalDouble.empty(), t0.plusSeconds(3600));
        assertEquals(Action.NONE, d.action());
        assertEquals(t0, d.breachSince());
        assertEquals(Action.NONE, StateMachine.decide(situation(t0, null), OptionalDouble.empty(),
                t0.plusSeconds(3600)).action());
    }

    @Test
    public void aResolvedRuleWithoutAnOpenAlertStaysQuiet() {
        assertEquals(Action.NONE, StateMachine.decide(situation(null, null), v(10), t0).action());
    }
}
