package dev.pergola.metrics.internal.shell;

import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.MetricValues.MetricInfo;
import dev.pergola.api.metrics.Statistic;

/** {@code metrics:show [name-filter]}: every series of the meters whose name contains the filter, with its value. */
@Service
@Command(scope = "metrics", name = "show", description = "Shows meters and their current values")
public class MetricsShowCommand implements Action {
    @Argument(index = 0, name = "filter", description = "Only meters whose name contains this, e.g. pergola.requests")
    @Completion(MeterNameCompleter.class)
    String filter;

    @Reference
    MetricValues values;

    @Override
    public Object execute() {
        String wanted = filter == null ? "" : filter.toLowerCase(Locale.ROOT);
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Type");
        table.column("Tags");
        table.column("Value");
        int series = 0;
        for (MetricInfo meter : values.list()) {
            if (!meter.name().contains(wanted)) {
                continue;
            }
            for (Map<String, String> tags : meter.series()) {
                table.addRow().addContent(meter.name(), meter.type(), tags.isEmpty() ? "" : tags.toString(),
                        describe(meter, tags));
                series++;
            }
        }
        if (series == 0) {
            throw new IllegalArgumentException("No meter name contains '" + filter + "'");
        }
        table.print(System.out);
        System.out.println(series + " series");
        return null;
    }

    private String describe(MetricInfo meter, Map<String, String> tags) {
        double value = values.value(meter.name(), Statistic.VALUE, tags).orElse(Double.NaN);
        if (!meter.type().equals("timer")) {
            return format(value);
        }
        return "count " + format(value) + ", mean " + millis(values.value(meter.name(), Statistic.MEAN_SECONDS, tags)
                .orElse(Double.NaN)) + ", max " + millis(values.value(meter.name(), Statistic.MAX_SECONDS, tags)
                .orElse(Double.NaN));
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String millis(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
    }
}
