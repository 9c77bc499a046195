package dev.pergola.alerts.internal.eval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import dev.pergola.alerts.internal.eval.StateMachine.Decision;
import dev.pergola.alerts.internal.eval.StateMachine.Situation;
import dev.pergola.alerts.internal.notify.AlertEvents;
import dev.pergola.alerts.internal.notify.AlertMails;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.store.AlertStore;
import dev.pergola.alerts.internal.store.RuleStore;
import dev.pergola.alerts.internal.store.RuleStore.RuleState;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.events.EventTypes;

/**
 * One pass over the enabled rules: read each rule's value, decide ({@link StateMachine}), make the transition in the
 * database with its audit record (the event webhooks get), then mail. A rule that fails does not stop the others;
 * the pass then fails naming them, so the task shows the error.
 */
public final class Evaluation {
    /** What a pass did, for the task's run summary. */
    public record Outcome(int rules, int triggered, int reminded, int resolved) {
        public String summary() {
            return rules + " rules: " + triggered + " triggered, " + reminded + " reminded, " + resolved + " resolved";
        }
    }

    private final RuleStore rules;
    private final AlertStore alerts;
    private final Observations observations;
    private final AuditTrail audit;
    private final AlertMails mails;
    private final Clock clock;

    public Evaluation(RuleStore rules, AlertStore alerts, Observations observations, AuditTrail audit,
            AlertMails mails, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.observations = observations;
        this.audit = audit;
        this.mails = mails;
        this.clock = clock;
    }

    public Outcome run() {
        List<RuleState> states = rules.enabled();
        observations.retain(states.stream().map(s -> s.rule().id()).collect(Collectors.toSet()));
        int[] counts = new int[3];
        List<String> failures = new ArrayList<>();
        for (RuleState state : states) {
            try {
                StateMachine.Action done = evaluate(state, clock.instant());
                if (done != StateMachine.Action.NONE) {
                    counts[done.ordinal() - 1]++;
                }
            } catch (RuntimeException e) {
                failures.add(state.rule().name() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " of " + states.size() + " alert rules failed: "
                    + String.join("; ", failures));
        }
        return new Outcome(states.size(), counts[0], counts[1], counts[2]);
    }

    /** @return the action taken (NONE when another evaluation had already taken it) */
    private StateMachine.Action evaluate(RuleState state, Instant now) {
        AlertRule rule = state.rule();
        OptionalDouble observed = observations.read(rule, now);
        Decision d = StateMachine.decide(new Situation(rule.operator(), rule.threshold(), rule.forSeconds(),
                rule.repeatIntervalSeconds(), state.breachSince(), state.open()), observed, now);
        if (!Objects.equals(d.breachSince(), state.breachSince())) {
            rules.breachSince(rule.id(), d.breachSince());
        }
        double value = observed.orElse(Double.NaN);
        boolean done = switch (d.action()) {
            case NONE -> false;
            case TRIGGER -> alerts.trigger(rule, value, now,
                    (c, a) -> audit.record(c, AlertEvents.entry(EventTypes.ALERT_TRIGGERED, rule, a)))
                    .map(a -> mails.send(AlertMails.Kind.TRIGGERED, rule, a)).isPresent();
            case REMIND -> alerts.remind(state.open().id(), value, now)
                    .map(a -> mails.send(AlertMails.Kind.REMINDER, rule, a)).isPresent();
            case RESOLVE -> alerts.resolve(state.open().id(), value, now,
                    (c, a) -> audit.record(c, AlertEvents.entry(EventTypes.ALERT_RESOLVED, rule, a)))
                    .map(a -> mails.send(AlertMails.Kind.RESOLVED, rule, a)).isPresent();
        };
        return done ? d.action() : StateMachine.Action.NONE;
    }
}
