package dev.pergola.monitoring.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.pergola.api.persistence.JdbcTransactions;

/**
 * The table {@code metric_samples}: writes a node's minute, rolls its minutes up into their hour, drops what is past
 * retention, and reads buckets back with the nodes combined. Plain SQL both H2 and PostgreSQL run (an upsert is a
 * delete and an insert in one transaction: each node writes only its own rows, so nobody races it).
 */
public final class SampleStore {
    static final String MINUTE = "1m";
    static final String HOUR = "1h";
    static final Duration MINUTES_KEPT = Duration.ofHours(24);
    static final Duration HOURS_KEPT = Duration.ofDays(30);

    private final DataSource dataSource;

    public SampleStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One point of a series. */
    public record Point(Instant bucket, double value) {
    }

    /**
     * Stores the minute {@code bucket} of {@code node}, then recomputes that minute's hour: counts add to what the
     * minute already holds (two runs can end in one minute), sizes replace it.
     */
    public void writeMinute(String node, Instant bucket, Map<Series, Double> values) {
        Instant minute = bucket.truncatedTo(ChronoUnit.MINUTES);
        Instant hour = bucket.truncatedTo(ChronoUnit.HOURS);
        JdbcTransactions.run(dataSource, "metric history", c -> {
            Map<Series, Double> existing = read(c, MINUTE, node, minute, minute.plusSeconds(60));
            for (Map.Entry<Series, Double> e : values.entrySet()) {
                Series s = e.getKey();
                double v = s.kind() == Series.Kind.SUM ? e.getValue() + existing.getOrDefault(s, 0.0) : e.getValue();
                upsert(c, MINUTE, s, minute, node, v);
            }
            rollUpHour(c, node, hour);
            return null;
        });
    }

    /** Deletes minutes older than 24 h and hours older than 30 days; returns how many rows went. */
    public int purge(Instant now) {
        return JdbcTransactions.run(dataSource, "metric history", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM metric_samples WHERE resolution = ? AND bucket < ?")) {
                s.setString(1, MINUTE);
                s.setTimestamp(2, Timestamp.from(now.minus(MINUTES_KEPT)));
                int n = s.executeUpdate();
                s.setString(1, HOUR);
                s.setTimestamp(2, Timestamp.from(now.minus(HOURS_KEPT)));
                return n + s.executeUpdate();
            }
        });
    }

    /** Each series' buckets in [from, to), oldest first, the nodes of a bucket combined by the series' kind. */
    public Map<Series, List<Point>> read(Collection<Series> series, String resolution, Instant from, Instant to) {
        return JdbcTransactions.run(dataSource, "metric history", c -> {
            Map<Series, List<Point>> result = new EnumMap<>(Series.class);
            try (PreparedStatement s = c.prepareStatement("SELECT bucket, " + combine() + " FROM metric_samples"
                    + " WHERE resolution = ? AND series = ? AND bucket >= ? AND bucket < ? GROUP BY bucket ORDER BY bucket")) {
                for (Series one : series) {
                    s.setString(1, resolution);
                    s.setString(2, one.id());
                    s.setTimestamp(3, Timestamp.from(from));
                    s.setTimestamp(4, Timestamp.from(to));
                    List<Point> points = new ArrayList<>();
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            points.add(new Point(r.getTimestamp(1).toInstant(),
                                    one.kind() == Series.Kind.PEAK ? r.getDouble(3) : r.getDouble(2)));
                        }
                    }
                    result.put(one, points);
                }
            }
            return result;
        });
    }

    /** Column 2: the sum over nodes (counts, and sizes: a cluster's heap is the nodes' heaps); column 3: the largest. */
    private static String combine() {
        return "SUM(sample_value), MAX(sample_value)";
    }

    private static void rollUpHour(Connection c, String node, Instant hour) throws SQLException {
        Map<Series, List<Double>> minutes = new EnumMap<>(Series.class);
        try (PreparedStatement s = c.prepareStatement("SELECT series, sample_value FROM metric_samples"
                + " WHERE resolution = ? AND node = ? AND bucket >= ? AND bucket < ?")) {
            s.setString(1, MINUTE);
            s.setString(2, node);
            s.setTimestamp(3, Timestamp.from(hour));
            s.setTimestamp(4, Timestamp.from(hour.plus(1, ChronoUnit.HOURS)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    double v = r.getDouble(2);
                    Series.byId(id).ifPresent(series -> minutes.computeIfAbsent(series, k -> new ArrayList<>()).add(v));
                }
            }
        }
        for (Map.Entry<Series, List<Double>> e : minutes.entrySet()) {
            upsert(c, HOUR, e.getKey(), hour, node, HourlyRollup.combine(e.getKey().kind(), e.getValue()));
        }
    }

    private static Map<Series, Double> read(Connection c, String resolution, String node, Instant from, Instant to)
            throws SQLException {
        Map<Series, Double> values = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT series, sample_value FROM metric_samples"
                + " WHERE resolution = ? AND node = ? AND bucket >= ? AND bucket < ?")) {
            s.setString(1, resolution);
            s.setString(2, node);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    double v = r.getDouble(2);
                    Series.byId(id).ifPresent(series -> values.put(series, v));
                }
            }
        }
        return values;
    }

    private static void upsert(Connection c, String resolution, Series series, Instant bucket, String node, double value)
            throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM metric_samples"
                + " WHERE resolution = ? AND series = ? AND bucket = ? AND node = ?");
                PreparedStatement i = c.prepareStatement("INSERT INTO metric_samples"
                        + " (resolution, series, bucket, node, sample_value) VALUES (?, ?, ?, ?, ?)")) {
            d.setString(1, resolution);
            d.setString(2, series.id());
            d.setTimestamp(3, Timestamp.from(bucket));
            d.setString(4, node);
            d.executeUpdate();
            i.setString(1, resolution);
            i.setString(2, series.id());
            i.setTimestamp(3, Timestamp.from(bucket));
            i.setString(4, node);
            i.setDouble(5, value);
            i.executeUpdate();
        }
    }
}
