package dev.pergola.identity.internal.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.pergola.identity.internal.password.PasswordHasher;
import dev.pergola.identity.internal.rbac.PermissionCatalog;
import dev.pergola.identity.internal.store.PermissionEntity;
import dev.pergola.identity.internal.store.RoleEntity;
import dev.pergola.identity.internal.store.UserEntity;

/**
 * Accounts: lookup, creation, password checks and effective permissions. The one place REST, the
 * shell and the Karaf realm go through.
 */
@Component(service = Accounts.class)
public class Accounts {
    private final JpaTemplate jpa;
    private final PermissionCatalog catalog;
    private final PasswordHasher hasher = PasswordHasher.owaspMinimum();
    /**
     * userId → effective permissions, valid for one catalogue generation and at most 30 s (roles changed on another
     * node). Loads and invalidations of one key are exclusive, so an invalidation after a commit is never undone by a
     * load that read before it.
     */
    private final Cache<String, Cached> permissionCache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(100_000).build();
    /** A hash to verify against when the user does not exist, so timing does not reveal usernames; made on first need. */
    private volatile String decoyHash;
    /** The account behind each authenticated request: cached 5 s, dropped at once by changes made here. */
    private final Cache<String, Optional<UserDto>> activeUsers = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(100_000).build();

    private record Cached(long generation, Set<String> permissions) {
    }

    @Activate
    public Accounts(@Reference(target = "(osgi.unit.name=pergola-identity)") JpaTemplate jpa,
            @Reference PermissionCatalog catalog) {
        this.jpa = jpa;
        this.catalog = catalog;
    }

    /** The active account whose username or email (case-insensitive) is {@code login}, if the password matches. */
    public Optional<UserDto> authenticate(String login, String password) {
        Optional<UserEntity> user = entityByLogin(login);
        String hash = user.map(u -> u.passwordHash).orElseGet(this::decoy);
        boolean matches = hasher.verify(password == null ? "" : password, hash);
        return user.filter(u -> matches && u.isActive()).map(UserDto::of);
    }

    private String decoy() {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = hasher.hash(UUID.randomUUID().toString());
            decoyHash = decoy;
        }
        return decoy;
    }

    public Optional<UserDto> findByLogin(String login) {
        return entityByLogin(login).map(UserDto::of);
    }

    private Optional<UserEntity> entityByLogin(String login) {
        if (login == null || login.isBlank()) {
            return Optional.empty();
        }
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                "SELECT u FROM UserEntity u WHERE (LOWER(u.username) = :l OR LOWER(u.email) = :l) AND u.deletedAt IS NULL",
                UserEntity.class).setParameter("l", normalized).getResultList().stream().findFirst());
    }

    public Optional<UserDto> findById(String id) {
        return Optional.ofNullable(jpa.txExpr(TransactionType.Required, em -> UserDto.of(em.find(UserEntity.class, id))));
    }

    /** The account if it exists, is not deleted and is active; cached briefly for per-request checks. */
    public Optional<UserDto> findActive(String id) {
        return activeUsers.get(id, k -> findById(k).filter(UserDto::isActive));
    }

    public boolean exists(String username) {
        return findByLogin(username).isPresent();
    }

    public void recordLogin(String userId) {
        jpa.tx(TransactionType.Required, em -> {
            UserEntity u = em.find(UserEntity.class, userId);
            if (u != null) {
                u.lastLoginAt = Timestamp.from(Instant.now());
            }
        });
    }

    public Set<String> roleNames(UserDto user) {
        return user.roles();
    }

    /** The union of the user's roles' permissions; the {@code admin} role holds every permission there is. */
    public Set<String> effectivePermissions(String userId) {
        long generation = catalog.generation();
        Cached cached = permissionCache.get(userId, id -> load(id, generation));
        if (cached.generation() != generation) {
            permissionCache.asMap().remove(userId, cached); // the catalogue changed since: load again
            cached = permissionCache.get(userId, id -> load(id, generation));
        }
        return cached.permissions();
    }

    private Cached load(String userId, long generation) {
        Set<String> permissions = jpa.txExpr(TransactionType.Required, em -> {
            UserEntity user = em.find(UserEntity.class, userId);
            Set<String> result = new TreeSet<>();
            if (user == null) {
                return result;
            }
            boolean admin = user.roles.stream().anyMatch(r -> PermissionCatalog.ADMIN_ROLE.equals(r.name));
            if (admin) {
                em.createQuery("SELECT p.name FROM PermissionEntity p", String.class).getResultList().forEach(result::add);
            } else {
                for (RoleEntity role : user.roles) {
                    for (PermissionEntity p : role.permissions) {
                        result.add(p.name);
                    }
                }
            }
            return result;
        });
        return new Cached(generation, Set.copyOf(permissions));
    }

    /** What a role grants: its permissions, or every permission there is for {@code admin}. */
    public Set<String> grantsOf(RoleEntity role) {
        if (PermissionCatalog.ADMIN_ROLE.equals(role.name)) {
            return allPermissions();
        }
        Set<String> names = new TreeSet<>();
        role.permissions.forEach(p -> names.add(p.name));
        return names;
    }

    /** Every permission the catalogue holds now: what the {@code admin} role grants. */
    public Set<String> allPermissions() {
        return Set.copyOf(jpa.txExpr(TransactionType.Required,
                em -> em.createQuery("SELECT p.name FROM PermissionEntity p", String.class).getResultList()));
    }

    /** Drops cached permissions and account states; callers call it after their transaction commits. */
    public void invalidate(String userId) {
        if (userId == null) {
            permissionCache.invalidateAll();
            activeUsers.invalidateAll();
        } else {
            permissionCache.invalidate(userId);
            activeUsers.invalidate(userId);
        }
    }
}
