package dev.pergola.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.pergola.identity.internal.apikey.ApiKeys;

/** Completes the ids of API keys that are not revoked yet. */
@Service
public class ApiKeyIdCompleter implements Completer {
    @Reference
    private ApiKeys keys;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        keys.listAll().stream().filter(k -> k.revokedAt() == null).forEach(k -> ids.getStrings().add(k.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
