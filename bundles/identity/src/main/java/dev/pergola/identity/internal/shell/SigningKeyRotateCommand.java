package dev.pergola.identity.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.identity.internal.token.SigningKeys;

/** Tokens signed with the retired key stay valid until they expire; new ones use the new key. */
@Service
@Command(scope = "auth", name = "rotate-signing-key", description = "Starts signing access tokens with a new key")
public class SigningKeyRotateCommand implements Action {
    @Reference
    private SigningKeys keys;

    @Override
    public Object execute() {
        System.out.println("Now signing with key " + keys.rotate().getKeyID());
        return null;
    }
}
