package dev.pergola.alerts.internal.eval;

import java.time.Instant;
import java.util.OptionalDouble;

import dev.pergola.alerts.internal.rule.Operator;

/**
 * The life of one rule's alert, decided from one observation: triggered once the condition has held for
 * {@code for_seconds} without a break, a reminder every {@code repeat_interval_seconds} while triggered and not yet
 * acknowledged, resolved as soon as the condition no longer holds. No value (meter or check absent, first sample of
 * a rate) changes nothing. Each transition is decided once; the store then makes it happen once.
 */
public final class StateMachine {
    public enum Action { NONE, TRIGGER, REMIND, RESOLVE }

    /** The rule's settings and where it stands: {@code open} null when no alert is open. */
    public record Situation(Operator operator, double threshold, int forSeconds, int repeatSeconds,
            Instant breachSince, OpenAlert open) {
    }

    /** The rule's open alert: {@code triggered} or {@code acknowledged}, and when its people were last told. */
    public record OpenAlert(String id, String status, Instant lastNotifiedAt) {
    }

    /** What to do, and the rule's new breach start (null once the condition does not hold). */
    public record Decision(Action action, Instant breachSince) {
    }

    private StateMachine() {
    }

    public static Decision decide(Situation s, OptionalDouble observed, Instant now) {
        if (observed.isEmpty()) {
            return new Decision(Action.NONE, s.breachSince());
        }
        if (!s.operator().holds(observed.getAsDouble(), s.threshold())) {
            return new Decision(s.open() == null ? Action.NONE : Action.RESOLVE, null);
        }
        Instant since = s.breachSince() == null ? now : s.breachSince();
        if (s.open() == null) {
            boolean held = !now.isBefore(since.plusSeconds(s.forSeconds()));
            return new Decision(held ? Action.TRIGGER : Action.NONE, since);
        }
        boolean remind = AlertStatus.TRIGGERED.equals(s.open().status()) && s.repeatSeconds() > 0
                && !now.isBefore(s.open().lastNotifiedAt().plusSeconds(s.repeatSeconds()));
        return new Decision(remind ? Action.REMIND : Action.NONE, since);
    }
}
