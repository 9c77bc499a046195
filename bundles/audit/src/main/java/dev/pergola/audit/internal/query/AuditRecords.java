package dev.pergola.audit.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import javax.sql.DataSource;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.audit.internal.AuditJson;
import dev.pergola.audit.internal.AuditRow;
import dev.pergola.audit.internal.ChainVerifier;

/**
 * Reading the audit trail, for REST and the shell alike: lists in the platform's list language, one record with its
 * diff, every record matching a query page by page (exports), chain verification and the sealer's backlog.
 */
@Component(service = AuditRecords.class)
public class AuditRecords {
    /** Fields of {@code /api/v1/audit}. {@code user} is the account acting (for an API key, its owner). */
    public static final ListSpec LIST = ListSpec.builder()
            .field("id", "id", FieldType.STRING).sortable().filterable()
            .field("seq", "seq", FieldType.LONG).sortable().filterable()
            .field("occurred_at", "occurredAt", FieldType.TIMESTAMP).sortable().filterable()
            .field("action", "action", FieldType.STRING).sortable().filterable().searchable()
            .field("outcome", "outcome", FieldType.STRING).sortable().filterable()
            .field("user", "actorUserId", FieldType.STRING).filterable()
            .field("actor", "actorId", FieldType.STRING).filterable()
            .field("actor_type", "actorType", FieldType.STRING).filterable()
            .field("actor_name", "actorName", FieldType.STRING).sortable().filterable().searchable()
            .field("channel", "channel", FieldType.STRING).sortable().filterable()
            .field("target_type", "targetType", FieldType.STRING).sortable().filterable()
            .field("target_id", "targetId", FieldType.STRING).filterable()
            .field("target_name", "targetName", FieldType.STRING).sortable().filterable().searchable()
            .field("client_address", "clientAddress", FieldType.STRING).filterable()
            .field("request_id", "requestId", FieldType.STRING).filterable()
            .defaultSort("-occurred_at")
            .build();
    /** Records per database round trip of an export. */
    static final int EXPORT_PAGE = 500;

    private final JpaTemplate jpa;
    private final ListQueryExecutor lists;
    private final DataSource dataSource;
    private final AuditViews views = new AuditViews(new AuditJson());

    @Activate
    public AuditRecords(@Reference(target = "(osgi.unit.name=pergola-audit)") JpaTemplate jpa,
            @Reference ListQueryExecutor lists,
            @Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.audit)") MigratedSchema schema) {
        this.jpa = jpa;
        this.lists = lists;
        this.dataSource = dataSource;
    }

    /** One page; {@code actionPrefix} ({@code user.} for {@code user.*}) narrows to a family of actions. */
    public PageResult<AuditRecordView> list(ListQuery query, String actionPrefix) {
        return jpa.txExpr(TransactionType.Required, em -> lists.fetch(em, AuditRecordEntity.class, query,
                (cb, root) -> prefix(cb, root, actionPrefix)))
                .map(e -> views.summary(e.toRow()));
    }

    /** @throws PergolaException RESOURCE_NOT_FOUND */
    public AuditRecordView get(String id) {
        AuditRecordEntity e = jpa.txExpr(TransactionType.Required, em -> em.find(AuditRecordEntity.class, id));
        if (e == null) {
            throw PergolaException.notFound("No audit record " + id);
        }
        return views.full(e.toRow());
    }

    /**
     * Hands every record matching {@code query} to {@code sink}, newest first, {@value #EXPORT_PAGE} at a time
     * (keyset paging: records written meanwhile neither shift nor repeat a page). Memory stays at one page.
     *
     * @return how many records were handed over
     */
    public long forEach(ListQuery query, String actionPrefix, Consumer<AuditRecordView> sink) {
        ListSpec.Field at = LIST.field("occurred_at").orElseThrow();
        ListSpec.Field id = LIST.field("id").orElseThrow();
        ListQuery paged = new ListQuery(1, EXPORT_PAGE, List.of(new ListQuery.Sort(at, true), new ListQuery.Sort(id, true)),
                query.filters(), query.search(), Set.of(), query.spec());
        long count = 0;
        AuditRecordEntity last = null;
        while (true) {
            AuditRecordEntity after = last;
            List<AuditRecordEntity> page = jpa.txExpr(TransactionType.Required, em -> lists.fetch(em,
                    AuditRecordEntity.class, paged, (cb, root) -> cb.and(prefix(cb, root, actionPrefix),
                            after == null ? cb.conjunction() : before(cb, root, after)))).items();
            for (AuditRecordEntity e : page) {
                sink.accept(views.full(e.toRow()));
            }
            count += page.size();
            if (page.size() < EXPORT_PAGE) {
                return count;
            }
            last = page.get(page.size() - 1);
        }
    }

    public VerifyReport verify() {
        try {
            ChainVerifier.Result r = new ChainVerifier(dataSource).verify();
            return new VerifyReport(r.valid(), r.checked(), r.firstBroken());
        } catch (SQLException e) {
            throw PergolaException.unavailable("The audit trail cannot be verified now: " + e.getMessage(),
                    Duration.ofSeconds(10));
        }
    }

    /** Records written before {@code before} and still unsealed: a stuck sealer leaves them. */
    public long unsealedBefore(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT COUNT(*) FROM audit_log WHERE seq IS NULL AND occurred_at < ?")) {
            q.setTimestamp(1, Timestamp.from(before), AuditRow.utc());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What an export wrote, for its own audit record. */
    public static Map<String, Object> describe(ListQuery query, String actionPrefix) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        query.filters().forEach(f -> d.put(f.field().name() + (f.operator() == dev.pergola.api.query.Operator.EQ
                ? "" : "[" + f.operator().token() + "]"), f.values().size() == 1 ? String.valueOf(f.values().get(0))
                : f.values().stream().map(String::valueOf).toList()));
        if (actionPrefix != null) {
            d.put("action", actionPrefix + "*");
        }
        if (query.search() != null) {
            d.put("search", query.search());
        }
        return d;
    }

    private static Predicate prefix(CriteriaBuilder cb, Root<AuditRecordEntity> root, String actionPrefix) {
        if (actionPrefix == null) {
            return cb.conjunction();
        }
        String escaped = actionPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return cb.like(root.get("action"), escaped + "%", '\\');
    }

    private static Predicate before(CriteriaBuilder cb, Root<AuditRecordEntity> root, AuditRecordEntity last) {
        return cb.or(cb.lessThan(root.get("occurredAt"), last.occurredAt),
                cb.and(cb.equal(root.get("occurredAt"), last.occurredAt), cb.lessThan(root.<String>get("id"), last.id)));
    }
}
