package dev.pergola.identity.internal.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditOrigin;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.mail.MailTemplates;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.session.OpaqueTokens;
import dev.pergola.identity.internal.store.PasswordResetEntity;
import dev.pergola.identity.internal.store.UserEntity;
import dev.pergola.identity.internal.throttle.LoginThrottle;

/**
 * "Forgot password": a single-use, expiring link sent by email. Asking never reveals whether an account
 * exists; using the link sets a new password (policy and history apply), ends every session of the user
 * and lifts a brute-force lock on the account, since the mailbox owner has proven who they are.
 */
@Component(service = PasswordResets.class, configurationPid = PasswordResets.PID)
@Designate(ocd = ResetsConfig.class)
public class PasswordResets {
    public static final String PID = "dev.pergola.auth.reset";
    private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);
    public static final String MAIL_CATEGORY = "auth.password-reset";

    private final JpaTemplate jpa;
    private final UserDirectory users;
    private final Mailer mailer;
    private final LoginThrottle throttle;
    private final IdentityAudit audit;
    private volatile Duration lifetime;
    private volatile String publicUrl;
    /** One thread does the work of "forgot password" requests, off the request thread; bounded backlog. */
    private final ThreadPoolExecutor worker;
    static final int QUEUE_CAPACITY = 1000;

    @Activate
    public PasswordResets(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference UserDirectory users, @Reference Mailer mailer, @Reference LoginThrottle throttle,
            @Reference IdentityAudit audit, ResetsConfig config) {
        this.jpa = jpa;
        this.audit = audit;
        this.users = users;
        this.mailer = mailer;
        this.throttle = throttle;
        configure(config);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
            Thread t = new Thread(r, "pergola-password-reset");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** New links use the new lifetime and URL; links already sent keep their expiry. */
    @Modified
    void configure(ResetsConfig config) {
        this.lifetime = Duration.ofMinutes(config.password_reset_ttl_minutes());
        this.publicUrl = config.public_url().replaceAll("/+$", "");
    }

    /**
     * Sends a reset link when an active account has this email; otherwise does nothing, silently. Only the
     * address's form is checked on the caller's thread: the lookup, the stored token and the queued mail happen
     * on a background thread, so the answer takes the same time whether the account exists or not.
     */
    public void requestReset(String email) {
        requestReset(email, null);
    }

    /**
     * @param requested the language the request asked for ({@code Accept-Language}); the account's own locale wins,
     *                  null leaves it to the account or the platform default
     */
    public void requestReset(String email, Locale requested) {
        if (email == null || !UserDirectory.EMAIL.matcher(email.trim()).matches()) {
            throw PergolaException.invalid("email", "must be an email address");
        }
        String normalized = email.trim().toLowerCase(Locale.ROOT);
        AuditOrigin origin = audit.origin(); // the request's, for the record the worker writes
        try {
            worker.execute(() -> {
                try {
                    sendLink(normalized, origin, requested);
                } catch (RuntimeException e) {
                    LOG.error("A password-reset link could not be sent", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // a flood: dropping is what a lost mail looks like, and the caller must not learn more
            LOG.warn("Password-reset requests are arriving faster than they are handled: one dropped");
        }
    }

    private void sendLink(String normalized, AuditOrigin origin, Locale requested) {
        String token = OpaqueTokens.generate();
        UserEntity user = jpa.txExpr(TransactionType.Required, em -> {
            List<UserEntity> found = em.createQuery("SELECT u FROM UserEntity u WHERE LOWER(u.email) = :e"
                    + " AND u.deletedAt IS NULL", UserEntity.class).setParameter("e", normalized).getResultList();
            if (found.isEmpty() || !found.get(0).isActive()) {
                return null;
            }
            PasswordResetEntity reset = new PasswordResetEntity();
            reset.tokenHash = OpaqueTokens.hash(token); // the link's token itself is never stored
            reset.userId = found.get(0).id;
            reset.createdAt = Timestamp.from(Instant.now());
            reset.expiresAt = Timestamp.from(Instant.now().plus(lifetime));
            em.persist(reset);
            UserEntity owner = found.get(0);
            // only for an existing account (the answer to the caller reveals nothing; the audit trail is for admins)
            audit.inTransaction(em, AuditEntry.of(EventTypes.AUTH_PASSWORD_RESET).withOrigin(origin)
                    .withTarget("user", owner.id, owner.username).withDetail("step", "requested"));
            return owner;
        });
        if (user == null) {
            LOG.debug("Password reset asked for an address without an active account");
            return;
        }
        String link = publicUrl + "/admin/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        mailer.send(new TemplatedMail(MailTemplates.PASSWORD_RESET, user.email, MailLocale.of(user.locale, requested),
                Map.of("username", user.username, "minutes", lifetime.toMinutes(), "link", link), MAIL_CATEGORY));
    }

    /** How users reach this installation (no trailing slash): links in emails start with it. */
    public String publicUrl() {
        return publicUrl;
    }

    /** Deletes links that can no longer be used: spent or expired. @return how many */
    public int purge(Instant now) {
        Timestamp nowTs = Timestamp.from(now);
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "DELETE FROM PasswordResetEntity r WHERE r.usedAt IS NOT NULL OR r.expiresAt <= :now")
                .setParameter("now", nowTs).executeUpdate());
    }

    /** Lets queued requests finish (a few seconds at most), then stops the worker. */
    @Deactivate
    void stop() throws InterruptedException {
        worker.shutdown();
        if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Password-reset requests still running after 10 s: interrupted");
            worker.shutdownNow();
        }
    }

    /** @throws PergolaException 422 when the token is unknown, used or expired, or the password is not acceptable */
    public void reset(String token, String password, String confirmation) {
        if (token == null || token.isBlank()) {
            throw PergolaException.invalid("token", "is required");
        }
        String hash = OpaqueTokens.hash(token.trim());
        PasswordResetEntity reset = jpa.txExpr(TransactionType.Required, em -> em.find(PasswordResetEntity.class, hash));
        if (reset == null || reset.usedAt != null || !reset.expiresAt.toInstant().isAfter(Instant.now())) {
            throw invalidToken();
        }
        UserDto user = users.get(reset.userId);
        if (!user.isActive()) {
            throw invalidToken();
        }
        Map<String, List<String>> problems = users.newPasswordProblems(user.id(), password, confirmation);
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        // spend this link (once, even under concurrent use) and any other outstanding one of the user
        boolean spent = jpa.txExpr(TransactionType.Required, em -> {
            Timestamp now = Timestamp.from(Instant.now());
            int mine = em.createQuery("UPDATE PasswordResetEntity r SET r.usedAt = :now"
                    + " WHERE r.tokenHash = :h AND r.usedAt IS NULL").setParameter("now", now).setParameter("h", hash)
                    .executeUpdate();
            em.createQuery("UPDATE PasswordResetEntity r SET r.usedAt = :now WHERE r.userId = :u AND r.usedAt IS NULL")
                    .setParameter("now", now).setParameter("u", user.id()).executeUpdate();
            return mine == 1;
        });
        if (!spent) {
            throw invalidToken();
        }
        users.replacePassword(user.id(), password, null, "password_reset", AuditEntry.of(EventTypes.AUTH_PASSWORD_RESET)
                .withActor(AuditActor.user(user.id(), user.username())).withDetail("step", "completed"));
        throttle.recordSuccess(user.username());
        throttle.recordSuccess(user.email());
        LOG.info("Password of {} reset through an emailed link", user.username());
    }

    private static PergolaException invalidToken() {
        return PergolaException.invalid("token", "is invalid, used or expired; ask for a new link");
    }
}
