package dev.pergola.identity.internal.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.audit.AuditActor;
import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.events.EventTypes;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.identity.internal.audit.AuditActors;
import dev.pergola.identity.internal.audit.IdentityAudit;
import dev.pergola.identity.internal.password.PasswordHasher;
import dev.pergola.identity.internal.rbac.Actor;
import dev.pergola.identity.internal.rbac.GrantPolicy;
import dev.pergola.identity.internal.rbac.PermissionCatalog;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.store.Columns;
import dev.pergola.identity.internal.store.FieldLengths;
import dev.pergola.identity.internal.store.PasswordHistoryEntity;
import dev.pergola.identity.internal.store.RoleEntity;
import dev.pergola.identity.internal.store.UserEntity;
import dev.pergola.identity.internal.client.ClientAddress;
import dev.pergola.identity.internal.throttle.LoginThrottle;

/**
 * Administration of accounts: the rules REST, shell and UI share. Every change made for someone else takes the
 * {@link Actor} asking and goes through the grantor rule ({@link GrantPolicy}); self-service changes
 * ({@link #updateOwn}, {@link #changePassword}) check the current password through the login throttle.
 */
@Component(service = UserDirectory.class, configurationPid = UserDirectory.PID)
@Designate(ocd = AccountsConfig.class)
public class UserDirectory {
    public static final String PID = "dev.pergola.auth.accounts";
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final IdentityAudit audit;
    private final PasswordHasher hasher = PasswordHasher.owaspMinimum();
    private volatile PasswordPolicy policy;
    private volatile int historyDepth;
    private volatile boolean registrationEnabled;

    /** Writable fields of an account; null means "leave as it is". */
    public record Changes(String email, String firstName, String lastName, String phone, String bio, String locale,
            String timezone) {
    }

    @Activate
    public UserDirectory(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists, @Reference Accounts accounts, @Reference Sessions sessions,
            @Reference LoginThrottle throttle, @Reference IdentityAudit audit, AccountsConfig config) {
        this.audit = audit;
        this.sessions = sessions;
        this.throttle = throttle;
        this.jpa = jpa;
        this.lists = lists;
        this.accounts = accounts;
        configure(config);
    }

    /** The policy applies to passwords set from now on; existing ones stay valid. */
    @Modified
    void configure(AccountsConfig config) {
        this.policy = new PasswordPolicy(config.password_min_length());
        this.historyDepth = config.password_history();
        this.registrationEnabled = config.registration_enabled();
    }

    public PageResult<UserDto> list(ListQuery query, boolean deleted) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, UserEntity.class, query,
                (cb, root) -> deleted ? cb.isNotNull(root.get("deletedAt")) : cb.isNull(root.get("deletedAt")))
                .map(UserDto::of));
    }

    /** The (not deleted) account called {@code username}, case-insensitive. @throws PergolaException RESOURCE_NOT_FOUND */
    public UserDto byUsername(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery("SELECT u FROM UserEntity u"
                + " WHERE LOWER(u.username) = :n AND u.deletedAt IS NULL", UserEntity.class).setParameter("n", name)
                .getResultList().stream().findFirst().map(UserDto::of))
                .orElseThrow(() -> PergolaException.notFound("No user named " + username));
    }

    /** The username of the account {@code id} (deleted ones too), if it exists. */
    public Optional<String> usernameOf(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> em.find(UserEntity.class, id)))
                .map(u -> u.username);
    }

    public UserDto get(String id) {
        return UserDto.of(entity(id));
    }

    /** The stored account, for checks that need its password hash; never handed out. */
    private UserEntity entity(String id) {
        return jpa.txExpr(TransactionType.Required, em -> find(em, id));
    }

    /**
     * An administrator (or operator) creates an account; the roles it gets ({@code user} when none is named) must
     * grant nothing beyond what {@code actor} holds.
     */
    public UserDto create(Actor actor, String username, String email, String password, Changes names,
            List<String> roleNames) {
        return create(actor, username, email, password, names, roleNames, true);
    }

    /**
     * The password policy is skipped only for the operator-chosen first admin password (it is warned about). A
     * null {@code actor} is the platform itself (first boot, self-registration with the default role).
     */
    UserDto create(Actor actor, String username, String email, String password, Changes names, List<String> roleNames,
            boolean enforcePolicy) {
        return create(actor, username, email, password, names, roleNames, enforcePolicy, AuditActors.of(actor));
    }

    /** @param auditActor who the audit trail names as creator (null: the origin's actor) */
    private UserDto create(Actor actor, String username, String email, String password, Changes names,
            List<String> roleNames, boolean enforcePolicy, AuditActor auditActor) {
        Map<String, List<String>> problems = fieldProblems(email, names);
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.put("username", List.of("3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            problems.putIfAbsent("email", List.of("must be an email address"));
        }
        List<String> passwordProblems = enforcePolicy ? policy.problems(password, username) : List.of();
        if (!passwordProblems.isEmpty()) {
            problems.put("password", passwordProblems);
        }
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        List<String> roles = roleNames == null || roleNames.isEmpty() ? List.of(PermissionCatalog.USER_ROLE) : roleNames;
        UserEntity created = jpa.txExpr(TransactionType.Required, em -> {
            List<RoleEntity> granted = new ArrayList<>();
            for (String roleName : roles) {
                RoleEntity role = roleByName(em, roleName);
                if (actor != null) {
                    GrantPolicy.assignRole(actor, role.name, accounts.grantsOf(role));
                }
                granted.add(role);
            }
            ensureUnique(em, username, email, null);
            UserEntity u = new UserEntity();
            u.id = UUID.randomUUID().toString();
            u.username = username;
            u.email = email.toLowerCase(Locale.ROOT);
            u.passwordHash = hasher.hash(password);
            u.status = "active";
            u.createdAt = Timestamp.from(Instant.now());
            u.updatedAt = u.createdAt;
            apply(u, names);
            u.roles.addAll(granted);
            em.persist(u);
            remember(em, u.id, u.passwordHash);
            // one record for the account and its roles (in "after"); self-registration is the new account acting
            audit.inTransaction(em, userEntry(EventTypes.USER_CREATED, u).withActor(auditActor == null && actor == null
                    ? AuditActor.user(u.id, u.username) : auditActor).withAfter(UserDto.of(u)));
            return u;
        });
        accounts.invalidate(created.id);
        return UserDto.of(created);
    }

    /** Self-registration (when the setting allows it): a new active account with the role {@code user}. */
    public UserDto register(String username, String email, String password) {
        if (!registrationEnabled) {
            // 404, not 403: the endpoint is public, the feature is simply not there
            throw new PergolaException(PergolaException.NOT_FOUND,
                    "Self-registration is not enabled here; ask an administrator for an account.");
        }
        return create(null, username, email, password, null, List.of(PermissionCatalog.USER_ROLE), true, null);
    }

    /** The first admin, created on first boot with role {@code admin}. */
    public UserDto createFirstAdmin(String password) {
        return create(null, "admin", "admin@localhost", password, null, List.of(PermissionCatalog.ADMIN_ROLE), false,
                AuditActor.PLATFORM);
    }

    public List<String> policyProblems(String password, String username) {
        return policy.problems(password, username);
    }

    /** An administrator edits an account (the grantor rule applies); a taken email is a 409. */
    public UserDto update(Actor actor, String id, Changes changes) {
        validate(changes);
        UserEntity updated = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = find(em, id);
            mayEdit(actor, u);
            UserDto before = UserDto.of(u);
            if (changes.email() != null) {
                ensureUnique(em, null, changes.email(), id);
                u.email = changes.email().toLowerCase(Locale.ROOT);
            }
            apply(u, changes);
            u.updatedAt = Timestamp.from(Instant.now());
            audit.inTransaction(em, userEntry(EventTypes.USER_UPDATED, u).withActor(AuditActors.of(actor))
                    .withBefore(before).withAfter(UserDto.of(u)));
            return u;
        });
        accounts.invalidate(id);
        return UserDto.of(updated);
    }

    /**
     * A user edits their own profile. A new email (where reset links go) needs the current password, checked
     * through the login throttle. An address another account uses is not revealed: the answer is the same as for
     * a successful change, but nothing changes (the returned account shows the address asked for, detached).
     *
     * @param address the client address, for the throttle
     */
    public UserDto updateOwn(String userId, Changes changes, String currentPassword, ClientAddress address) {
        validate(changes);
        UserEntity me = entity(userId);
        String wanted = changes.email() == null ? null : changes.email().toLowerCase(Locale.ROOT);
        boolean emailChange = wanted != null && !wanted.equals(me.email);
        if (emailChange) {
            List<String> wrong = currentPasswordProblems(me, currentPassword, address);
            if (!wrong.isEmpty()) {
                throw PergolaException.invalid(Map.of("current_password", wrong));
            }
        }
        boolean[] taken = {false};
        UserEntity updated = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = find(em, userId);
            UserDto before = UserDto.of(u);
            if (emailChange) {
                taken[0] = emailTaken(em, wanted, userId);
                if (!taken[0]) {
                    u.email = wanted;
                }
            }
            apply(u, changes);
            u.updatedAt = Timestamp.from(Instant.now());
            // the caller is the account itself (or its key): the request's origin names them
            audit.inTransaction(em, userEntry(EventTypes.USER_UPDATED, u).withBefore(before).withAfter(UserDto.of(u)));
            return u;
        });
        accounts.invalidate(userId);
        UserDto shown = UserDto.of(updated);
        return taken[0] ? shown.withEmail(wanted) : shown;
    }

    /** Lengths (from the schema), email shape and time zone of writable fields; 422 naming each bad field. */
    private static void validate(Changes changes) {
        Map<String, List<String>> problems = fieldProblems(changes.email(), changes);
        if (changes.email() != null && !problems.containsKey("email") && !EMAIL.matcher(changes.email()).matches()) {
            problems.put("email", List.of("must be an email address"));
        }
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
    }

    /** Lengths from the schema, and the time zone id; field → problems (mutable, for more checks to add to). */
    private static Map<String, List<String>> fieldProblems(String email, Changes c) {
        Changes n = c == null ? new Changes(null, null, null, null, null, null, null) : c;
        Map<String, List<String>> problems = new LinkedHashMap<>(FieldLengths.check()
                .text("email", email, Columns.USER_EMAIL)
                .text("first_name", n.firstName(), Columns.USER_FIRST_NAME)
                .text("last_name", n.lastName(), Columns.USER_LAST_NAME)
                .text("phone", n.phone(), Columns.USER_PHONE)
                .text("bio", n.bio(), Columns.USER_BIO)
                .text("locale", n.locale(), Columns.USER_LOCALE)
                .text("timezone", n.timezone(), Columns.USER_TIMEZONE)
                .problems());
        if (n.timezone() != null && !problems.containsKey("timezone")) {
            try {
                java.time.ZoneId.of(n.timezone());
            } catch (java.time.DateTimeException e) {
                problems.put("timezone", List.of("is not a time zone id such as Europe/Paris"));
            }
        }
        return problems;
    }

    /**
     * The user's current password, checked as a login is: refused while the account or address is throttled,
     * a wrong one counts as a failed login, so this is no unthrottled password oracle.
     *
     * @return what is wrong with {@code current} (missing or not the password); empty when it is right
     * @throws PergolaException 429 when the account or address must wait
     */
    List<String> currentPasswordProblems(UserEntity user, String current, ClientAddress address) {
        if (current == null || current.isEmpty()) {
            return List.of("is required for this change");
        }
        boolean right = throttle.attempt(user.username, address,
                () -> hasher.verify(current, user.passwordHash) ? Optional.of(Boolean.TRUE) : Optional.<Boolean>empty())
                .isPresent();
        if (!right) { // counted as a failed login by the throttle: audited as one
            audit.fact(AuditEntry.of(EventTypes.AUTH_LOGIN_FAILED).withOutcome(dev.pergola.api.audit.Outcome.DENIED)
                    .withTarget("user", user.id, user.username).withDetail("username", user.username)
                    .withDetail("reason", "wrong_current_password"));
        }
        return right ? List.of() : List.of("is not your current password");
    }

    /**
     * A user changes their own password: the current one must be right, the new one must pass the policy and
     * differ; every other session of the user ends (the one making the change stays).
     */
    public void changePassword(String userId, String current, String password, String confirmation, String keepSession,
            ClientAddress address) {
        UserEntity user = entity(userId);
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> wrong = currentPasswordProblems(user, current, address);
        if (!wrong.isEmpty()) {
            problems.put("current_password", wrong);
        }
        problems.putAll(newPasswordProblems(user, password, confirmation));
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        replacePassword(userId, password, keepSession, "password_changed", AuditEntry.of(EventTypes.AUTH_PASSWORD_CHANGED));
    }

    /**
     * An administrator sets a user's password (e.g. from the shell): policy and history apply, every session of
     * the user ends.
     */
    public void setPassword(Actor actor, String userId, String password) {
        UserEntity user = entity(userId);
        mayEdit(actor, user);
        Map<String, List<String>> problems = newPasswordProblems(user, password, password);
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        replacePassword(userId, password, null, "password_set_by_admin", AuditEntry.of(EventTypes.AUTH_PASSWORD_CHANGED)
                .withActor(AuditActors.of(actor)).withDetail("by", "administrator"));
    }

    /**
     * What is wrong with a new password for this user: policy, reuse of a recent password, confirmation.
     * Keys are request fields ({@code password}, {@code password_confirmation}).
     */
    Map<String, List<String>> newPasswordProblems(String userId, String password, String confirmation) {
        return newPasswordProblems(entity(userId), password, confirmation);
    }

    private Map<String, List<String>> newPasswordProblems(UserEntity user, String password, String confirmation) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> policyProblems = new ArrayList<>(policy.problems(password, user.username));
        if (policyProblems.isEmpty() && usedRecently(user, password)) {
            policyProblems.add(historyDepth > 0 ? "must differ from your last " + historyDepth + " passwords"
                    : "must differ from the current password");
        }
        if (!policyProblems.isEmpty()) {
            problems.put("password", policyProblems);
        }
        if (password != null && !password.equals(confirmation)) {
            problems.put("password_confirmation", List.of("does not match the new password"));
        }
        return problems;
    }

    /**
     * Sets a checked new password, remembers it, records {@code entry} (its target: the account; never the password)
     * in the same transaction, and ends every session of the user except {@code keepSession}: the ended sessions are
     * part of that one record.
     */
    void replacePassword(String userId, String password, String keepSession, String endReason, AuditEntry entry) {
        String hash = hasher.hash(password);
        jpa.tx(TransactionType.Required, em -> {
            UserEntity u = find(em, userId);
            u.passwordHash = hash;
            u.updatedAt = Timestamp.from(Instant.now());
            remember(em, userId, hash);
            audit.inTransaction(em, entry.withTarget("user", u.id, u.username));
        });
        accounts.invalidate(userId);
        sessions.endAllOf(userId, endReason, keepSession); // after the commit, by the sessions' owner
    }

    /** The last {@code historyDepth} passwords (the current one always) count as recent. */
    private boolean usedRecently(UserEntity user, String password) {
        if (hasher.verify(password, user.passwordHash)) {
            return true;
        }
        if (historyDepth == 0) {
            return false;
        }
        List<String> previous = jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT h.passwordHash FROM PasswordHistoryEntity h WHERE h.userId = :u ORDER BY h.createdAt DESC",
                String.class).setParameter("u", user.id).setMaxResults(historyDepth).getResultList());
        return previous.stream().anyMatch(hash -> hasher.verify(password, hash));
    }

    /** Records a password hash and forgets those beyond the history depth. */
    private void remember(EntityManager em, String userId, String hash) {
        em.flush(); // no mapped relation orders the user's insert before this one
        PasswordHistoryEntity entry = new PasswordHistoryEntity();
        entry.id = UUID.randomUUID().toString();
        entry.userId = userId;
        entry.passwordHash = hash;
        entry.createdAt = Timestamp.from(Instant.now());
        em.persist(entry);
        em.flush();
        List<PasswordHistoryEntity> older = em.createQuery("SELECT h FROM PasswordHistoryEntity h WHERE h.userId = :u"
                + " ORDER BY h.createdAt DESC", PasswordHistoryEntity.class).setParameter("u", userId)
                .setFirstResult(Math.max(historyDepth, 1)).getResultList();
        older.forEach(em::remove);
    }

    /** Soft delete: the account stops working at once and can be restored. */
    public void delete(Actor actor, String id) {
        if (actor.is(id)) {
            throw PergolaException.conflict("You cannot delete your own account.");
        }
        jpa.tx(TransactionType.Required, em -> {
            UserEntity u = find(em, id);
            mayEdit(actor, u);
            ensureNotLastAdmin(em, u);
            UserDto before = UserDto.of(u);
            u.deletedAt = Timestamp.from(Instant.now());
            audit.inTransaction(em, userEntry(EventTypes.USER_DELETED, u).withActor(AuditActors.of(actor))
                    .withBefore(before).withAfter(UserDto.of(u)));
        });
        accounts.invalidate(id);
        sessions.endAllOf(id, "account_deleted", null);
    }

    public UserDto restore(Actor actor, String id) {
        UserEntity restored = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = em.find(UserEntity.class, id);
            if (u == null) {
                throw PergolaException.notFound("No user " + id);
            }
            mayEdit(actor, u);
            ensureUnique(em, u.username, u.email, id);
            UserDto before = UserDto.of(u);
            u.deletedAt = null;
            u.updatedAt = Timestamp.from(Instant.now());
            audit.inTransaction(em, userEntry(EventTypes.USER_RESTORED, u).withActor(AuditActors.of(actor))
                    .withBefore(before).withAfter(UserDto.of(u)));
            return u;
        });
        accounts.invalidate(id);
        return UserDto.of(restored);
    }

    public UserDto setActive(Actor actor, String id, boolean active) {
        if (!active && actor.is(id)) {
            throw PergolaException.conflict("You cannot deactivate your own account.");
        }
        UserEntity result = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = find(em, id);
            mayEdit(actor, u);
            if (!active) {
                ensureNotLastAdmin(em, u);
            }
            UserDto before = UserDto.of(u);
            u.status = active ? "active" : "inactive";
            u.updatedAt = Timestamp.from(Instant.now());
            // deactivation ends the sessions after the commit: part of this one record
            audit.inTransaction(em, userEntry(active ? EventTypes.USER_ACTIVATED : EventTypes.USER_DEACTIVATED, u)
                    .withActor(AuditActors.of(actor)).withBefore(before).withAfter(UserDto.of(u)));
            return u;
        });
        accounts.invalidate(id);
        if (!active) {
            sessions.endAllOf(id, "account_deactivated", null);
        }
        return UserDto.of(result);
    }

    public UserDto assignRole(Actor actor, String userId, String roleId) {
        UserEntity result = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = find(em, userId);
            RoleEntity role = em.find(RoleEntity.class, roleId);
            if (role == null) {
                throw PergolaException.notFound("No role " + roleId);
            }
            mayEdit(actor, u);
            GrantPolicy.assignRole(actor, role.name, accounts.grantsOf(role));
            UserDto before = UserDto.of(u);
            u.roles.add(role);
            audit.inTransaction(em, userEntry(EventTypes.USER_ROLE_ASSIGNED, u).withActor(AuditActors.of(actor))
                    .withBefore(before).withAfter(UserDto.of(u)).withDetail("role", role.name));
            return u;
        });
        accounts.invalidate(userId);
        return UserDto.of(result);
    }

    public UserDto removeRole(Actor actor, String userId, String roleId) {
        UserEntity result = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity u = find(em, userId);
            mayEdit(actor, u);
            RoleEntity role = u.roles.stream().filter(r -> r.id.equals(roleId)).findFirst()
                    .orElseThrow(() -> PergolaException.notFound("The user does not have the role " + roleId));
            if (PermissionCatalog.ADMIN_ROLE.equals(role.name)) {
                ensureNotLastAdmin(em, u);
            }
            UserDto before = UserDto.of(u);
            u.roles.remove(role);
            audit.inTransaction(em, userEntry(EventTypes.USER_ROLE_REMOVED, u).withActor(AuditActors.of(actor))
                    .withBefore(before).withAfter(UserDto.of(u)).withDetail("role", role.name));
            return u;
        });
        accounts.invalidate(userId);
        return UserDto.of(result);
    }

    /** An entry about the account {@code u}; its before/after are {@link UserDto}s, which never hold the hash. */
    private static AuditEntry userEntry(String action, UserEntity u) {
        return AuditEntry.of(action).withTarget("user", u.id, u.username);
    }

    /** The grantor rule for changing someone's account: the actor must hold all the account holds. */
    private void mayEdit(Actor actor, UserEntity target) {
        GrantPolicy.editAccount(actor, target.id, target.username, accounts.effectivePermissions(target.id));
    }

    private static UserEntity find(EntityManager em, String id) {
        UserEntity u = em.find(UserEntity.class, id);
        if (u == null || u.deletedAt != null) {
            throw PergolaException.notFound("No user " + id);
        }
        return u;
    }

    private static RoleEntity roleByName(EntityManager em, String name) {
        List<RoleEntity> found = em.createQuery("SELECT r FROM RoleEntity r WHERE r.name = :n", RoleEntity.class)
                .setParameter("n", name).getResultList();
        if (found.isEmpty()) {
            throw PergolaException.invalid("roles", "no role named '" + name + "'");
        }
        return found.get(0);
    }

    private static boolean emailTaken(EntityManager em, String email, String exceptId) {
        return !em.createQuery("SELECT u.id FROM UserEntity u WHERE LOWER(u.email) = :v AND u.deletedAt IS NULL"
                + " AND u.id <> :id", String.class).setParameter("v", email.toLowerCase(Locale.ROOT))
                .setParameter("id", exceptId).getResultList().isEmpty();
    }

    private static void ensureUnique(EntityManager em, String username, String email, String exceptId) {
        List<String> taken = new ArrayList<>();
        if (username != null && !em.createQuery("SELECT u.id FROM UserEntity u WHERE LOWER(u.username) = :v"
                + " AND u.deletedAt IS NULL AND u.id <> :id", String.class).setParameter("v", username.toLowerCase(Locale.ROOT))
                .setParameter("id", exceptId == null ? "" : exceptId).getResultList().isEmpty()) {
            taken.add("username");
        }
        if (email != null && !em.createQuery("SELECT u.id FROM UserEntity u WHERE LOWER(u.email) = :v"
                + " AND u.deletedAt IS NULL AND u.id <> :id", String.class).setParameter("v", email.toLowerCase(Locale.ROOT))
                .setParameter("id", exceptId == null ? "" : exceptId).getResultList().isEmpty()) {
            taken.add("email");
        }
        if (!taken.isEmpty()) {
            throw PergolaException.conflict("Another account already uses this " + String.join(" and ", taken) + ".");
        }
    }

    /** The platform must keep at least one active admin, or nobody could administer it. */
    private static void ensureNotLastAdmin(EntityManager em, UserEntity user) {
        boolean isAdmin = user.roles.stream().anyMatch(r -> PermissionCatalog.ADMIN_ROLE.equals(r.name));
        if (!isAdmin) {
            return;
        }
        long otherAdmins = em.createQuery("SELECT COUNT(u) FROM UserEntity u JOIN u.roles r WHERE r.name = :admin"
                + " AND u.id <> :id AND u.deletedAt IS NULL AND u.status = 'active'", Long.class)
                .setParameter("admin", PermissionCatalog.ADMIN_ROLE).setParameter("id", user.id).getSingleResult();
        if (otherAdmins == 0) {
            throw PergolaException.conflict("This is the last active admin; make another user admin first.");
        }
    }

    private static void apply(UserEntity u, Changes c) {
        if (c == null) {
            return;
        }
        if (c.firstName() != null) {
            u.firstName = c.firstName();
        }
        if (c.lastName() != null) {
            u.lastName = c.lastName();
        }
        if (c.phone() != null) {
            u.phone = c.phone();
        }
        if (c.bio() != null) {
            u.bio = c.bio();
        }
        if (c.locale() != null) {
            u.locale = c.locale();
        }
        if (c.timezone() != null) {
            u.timezone = c.timezone();
        }
    }
}
