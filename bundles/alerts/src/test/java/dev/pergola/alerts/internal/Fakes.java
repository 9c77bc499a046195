package dev.pergola.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Statistic;

/** Stand-ins for the services the alerts bundle uses: meter values set by the test, a mailer that keeps mails. */
public final class Fakes {
    private Fakes() {
    }

    /** Meter values by name (one series each, no tags); {@link #histogram} set directly. */
    public static final class Values implements MetricValues {
        public final Map<String, Double> values = new ConcurrentHashMap<>();
        public volatile Histogram histogram;

        @Override
        public OptionalDouble value(String name, Statistic statistic, Map<String, String> tags) {
            Double v = values.get(name);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }

        @Override
        public Optional<Histogram> histogram(String name, Map<String, String> tags) {
            return Optional.ofNullable(histogram);
        }

        @Override
        public List<MetricInfo> list() {
            return values.keySet().stream().map(n -> new MetricInfo(n, "gauge", "", List.of(Map.<String, String>of())))
                    .toList();
        }
    }

    /** Keeps every templated mail. */
    public static final class Mails implements Mailer {
        public final List<TemplatedMail> sent = new ArrayList<>();

        @Override
        public String send(MailMessage message) {
            throw new AssertionError("alerts send templated mails only");
        }

        @Override
        public synchronized String send(TemplatedMail mail) {
            sent.add(mail);
            return "mail-" + sent.size();
        }

        public synchronized List<String> kinds() {
            return sent.stream().map(m -> m.to() + ":" + m.model().get("kind")).toList();
        }
    }

    /** A clock the test moves. */
    public static final class TestClock extends Clock {
        private Instant now;

        public TestClock(Instant start) {
            now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
