package dev.pergola.identity.internal.shell;

import java.util.List;

import java.util.ArrayList;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import org.apache.karaf.shell.support.MultiException;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.apikey.ApiKeys;

@Service
@Command(scope = "apikey", name = "revoke", description = "Revokes API keys at once")
public class ApiKeyRevokeCommand implements Action {
    @Argument(index = 0, name = "ids", required = true, multiValued = true, description = "Key ids (see apikey:list)")
    @Completion(ApiKeyIdCompleter.class)
    List<String> ids;

    @Reference
    private ApiKeys keys;

    @Override
    public Object execute() throws MultiException {
        List<Exception> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                System.out.println("Revoked " + keys.revokeAny(id).name() + " (" + id + ")");
            } catch (PergolaException e) {
                failures.add(new IllegalStateException(id + ": " + UserCommands.describe(e), e));
            }
        }
        MultiException.throwIf("Not revoked", failures); // bin/client exits non-zero
        return null;
    }
}
