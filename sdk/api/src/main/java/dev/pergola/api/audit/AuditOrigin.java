package dev.pergola.api.audit;

/**
 * Where the changes made on a thread come from: bound by the REST layer for each request and by the shell for each
 * command ({@link AuditTrail#bind(AuditOrigin)}), read by {@link AuditTrail#record} for every field an entry leaves
 * null.
 *
 * @param channel how the change arrived
 * @param actor who is signed in; null when nobody is (a login attempt)
 * @param clientAddress the client's address as the platform trusts it (proxies resolved); null when there is none
 * @param userAgent the {@code User-Agent} header, or the shell's client ("ssh", "console"); may be null
 * @param requestId the {@code X-Request-ID} of the request; null outside REST
 */
public record AuditOrigin(Channel channel, AuditActor actor, String clientAddress, String userAgent, String requestId) {
    /** The platform acting by itself. */
    public static final AuditOrigin SYSTEM = new AuditOrigin(Channel.SYSTEM, AuditActor.PLATFORM, null, null, null);

    public AuditOrigin {
        if (channel == null) {
            throw new IllegalArgumentException("an audit origin needs a channel");
        }
    }

    public AuditOrigin withActor(AuditActor who) {
        return new AuditOrigin(channel, who, clientAddress, userAgent, requestId);
    }
}
