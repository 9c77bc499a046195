package dev.pergola.identity.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.api.rest.ApiException;
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
    public Object execute() {
        for (String id : ids) {
            try {
                System.out.println("Revoked " + keys.revokeAny(id).name + " (" + id + ")");
            } catch (ApiException e) {
                System.out.println(id + ": " + UserCommands.describe(e));
            }
        }
        return null;
    }
}
