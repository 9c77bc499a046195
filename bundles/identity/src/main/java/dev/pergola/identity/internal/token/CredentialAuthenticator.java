package dev.pergola.identity.internal.token;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.identity.Authenticator;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.identity.internal.account.Accounts;
import dev.pergola.identity.internal.account.UserDto;
import dev.pergola.identity.internal.apikey.ApiKeys;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.store.ApiKeyEntity;

/**
 * The public {@link Authenticator}: the REST authentication filter's rules for callers outside JAX-RS (the live
 * event WebSocket authenticates with its first message; streams re-check their caller while they run).
 */
@Component(service = Authenticator.class)
public class CredentialAuthenticator implements Authenticator {
    private final AccessTokens tokens;
    private final Sessions sessions;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final JpaTemplate jpa;

    @Activate
    public CredentialAuthenticator(@Reference AccessTokens tokens, @Reference Sessions sessions,
            @Reference Accounts accounts, @Reference ApiKeys apiKeys,
            @Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.jpa = jpa;
    }

    @Override
    public Optional<PergolaPrincipal> authenticate(String credential) {
        if (credential == null || credential.isBlank()) {
            return Optional.empty();
        }
        String presented = credential.trim();
        if (presented.startsWith(ApiKeys.PREFIX)) {
            return apiKeys.authenticate(presented).flatMap(key -> accounts.findActive(key.userId())
                    .map(owner -> PergolaPrincipal.apiKey(owner.id(), owner.username(), key.permissions(), key.keyId())));
        }
        try {
            AccessTokens.Claims claims = tokens.verify(presented);
            SessionBinding.require(claims, sessions::activeOwner);
            return accounts.findActive(claims.userId()).map(user -> session(user, claims.sessionId()));
        } catch (PergolaException invalidOrExpired) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<PergolaPrincipal> current(PergolaPrincipal principal) {
        if (principal.viaApiKey()) {
            return liveKeyScopes(principal.apiKeyId(), principal.userId()).flatMap(scopes -> accounts
                    .findActive(principal.userId()).map(owner -> PergolaPrincipal.apiKey(owner.id(), owner.username(),
                            narrowed(scopes, accounts.effectivePermissions(owner.id())), principal.apiKeyId())));
        }
        if (principal.sessionId() == null
                || !sessions.activeOwner(principal.sessionId()).filter(principal.userId()::equals).isPresent()) {
            return Optional.empty();
        }
        return accounts.findActive(principal.userId()).map(user -> session(user, principal.sessionId()));
    }

    private PergolaPrincipal session(UserDto user, String sessionId) {
        return new PergolaPrincipal(user.id(), user.username(), accounts.effectivePermissions(user.id()), sessionId);
    }

    /** The key's scopes while it is the owner's, unrevoked and unexpired (read only; ApiKeys owns the table). */
    private Optional<String> liveKeyScopes(String keyId, String userId) {
        Instant now = Instant.now();
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, keyId);
            boolean live = key != null && userId.equals(key.userId) && key.revokedAt == null
                    && key.expiresAt.toInstant().isAfter(now);
            return live ? key.scopes : null;
        }));
    }

    private static Set<String> narrowed(String scopes, Set<String> ownerHolds) {
        Set<String> scoped = new LinkedHashSet<>(Arrays.asList(scopes.split(",")));
        scoped.retainAll(ownerHolds);
        return Set.copyOf(scoped);
    }
}
