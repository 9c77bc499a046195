package dev.pergola.identity.internal.restore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.backup.RestoreParticipant;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.rbac.PermissionCatalog;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.token.AccessTokens;
import dev.pergola.identity.internal.token.SigningKeys;

/**
 * After a restore, identity forgets everything it remembered from the replaced tables: signing keys, verified
 * tokens, open sessions, accounts and effective permissions; and puts back the permissions installed bundles declare.
 * Tokens signed by a key the restored data lacks stop working; an old API key present in the backup works again.
 */
@Component
public class IdentityRestoreParticipant implements RestoreParticipant {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityRestoreParticipant.class);

    private final SigningKeys signingKeys;
    private final AccessTokens tokens;
    private final Sessions sessions;
    private final Accounts accounts;
    private final PermissionCatalog permissions;

    @Activate
    public IdentityRestoreParticipant(@Reference SigningKeys signingKeys, @Reference AccessTokens tokens,
            @Reference Sessions sessions, @Reference Accounts accounts, @Reference PermissionCatalog permissions) {
        this.signingKeys = signingKeys;
        this.tokens = tokens;
        this.sessions = sessions;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    @Override
    public void afterRestore() {
        signingKeys.reload();
        tokens.forgetVerified();
        sessions.forgetCached();
        permissions.reseed(); // before the accounts: their effective permissions follow the catalogue
        accounts.invalidate(null);
        LOG.info("Identity caches dropped after the restore (signing keys, tokens, sessions, accounts, permissions)");
    }
}
