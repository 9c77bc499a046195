package dev.pergola.identity.internal.audit;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.identity.internal.rbac.Actor;

/** Who acted, as the audit trail names them, from the {@link Actor} the grantor rule judged. */
public final class AuditActors {
    private AuditActors() {
    }

    /**
     * The audit actor of {@code actor}: an account acting by itself; null for an API key (only the bound REST origin
     * knows the key's id, and its actor is used) and for a null actor (the platform, or the origin's actor); the
     * machine's own local console, which has no account, is named as such.
     */
    public static AuditActor of(Actor actor) {
        if (actor == null || actor.viaApiKey()) {
            return null;
        }
        if (actor.userId() == null) {
            return new AuditActor(AuditActor.USER, "local-console", actor.name(), null);
        }
        return AuditActor.user(actor.userId(), actor.name());
    }
}
