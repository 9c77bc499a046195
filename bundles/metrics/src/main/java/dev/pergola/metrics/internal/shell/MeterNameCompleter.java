package dev.pergola.metrics.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.api.metrics.MetricValues;

/** Completes meter names from the registry as it is now. */
@Service
public class MeterNameCompleter implements Completer {
    @Reference
    MetricValues values;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        values.list().forEach(m -> names.getStrings().add(m.name()));
        return names.complete(session, commandLine, candidates);
    }
}
