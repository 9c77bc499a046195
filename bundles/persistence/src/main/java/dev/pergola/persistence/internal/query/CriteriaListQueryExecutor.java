package dev.pergola.persistence.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.CriteriaQuery;
import javax.persistence.criteria.Expression;
import javax.persistence.criteria.From;
import javax.persistence.criteria.JoinType;
import javax.persistence.criteria.Order;
import javax.persistence.criteria.Path;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;
import javax.persistence.metamodel.SingularAttribute;

import org.osgi.service.component.annotations.Component;

import dev.pergola.api.persistence.ListQueryExecutor;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;

/**
 * Runs list queries with the JPA Criteria API: every value is a bound parameter, every attribute comes
 * from the endpoint's allow-list. Results are ordered by the requested keys, then by the entity id, so
 * pages never overlap.
 */
@Component(service = ListQueryExecutor.class)
public class CriteriaListQueryExecutor implements ListQueryExecutor {
    @Override
    public <E> PageResult<E> fetch(EntityManager em, Class<E> entityType, ListQuery query, Restriction<E> restriction) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        boolean joins = crossesCollections(query);

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<E> countRoot = count.from(entityType);
        count.select(joins ? cb.countDistinct(countRoot) : cb.count(countRoot))
                .where(predicates(cb, countRoot, query, restriction));
        long total = em.createQuery(count).getSingleResult();

        CriteriaQuery<E> select = cb.createQuery(entityType);
        Root<E> root = select.from(entityType);
        select.distinct(joins);
        List<Order> orders = new ArrayList<>();
        for (ListQuery.Sort sort : query.sorts()) {
            Path<?> path = path(root, sort.field().attribute());
            orders.add(sort.descending() ? cb.desc(path) : cb.asc(path));
        }
        idAttribute(em, entityType).ifPresent(id -> orders.add(cb.asc(root.get(id))));
        select.select(root).where(predicates(cb, root, query, restriction)).orderBy(orders);
        List<E> items = em.createQuery(select).setFirstResult(query.offset()).setMaxResults(query.perPage())
                .getResultList();
        return new PageResult<>(items, query.page(), query.perPage(), total);
    }

    private static java.util.Optional<String> idAttribute(EntityManager em, Class<?> type) {
        return em.getMetamodel().entity(type).getSingularAttributes().stream()
                .filter(SingularAttribute::isId).map(SingularAttribute::getName).findFirst();
    }

    private static boolean crossesCollections(ListQuery query) {
        return query.filters().stream().anyMatch(f -> f.field().attribute().contains("."))
                || (query.search() != null && query.spec().fields().stream()
                        .anyMatch(f -> f.searchable() && f.attribute().contains(".")));
    }

    private static <E> Predicate[] predicates(CriteriaBuilder cb, Root<E> root, ListQuery query, Restriction<E> restriction) {
        List<Predicate> all = new ArrayList<>();
        if (restriction != null) {
            all.add(restriction.apply(cb, root));
        }
        for (ListQuery.Filter filter : query.filters()) {
            all.add(predicate(cb, path(root, filter.field().attribute()), filter));
        }
        if (query.search() != null) {
            List<Predicate> any = new ArrayList<>();
            for (ListSpec.Field field : query.spec().fields()) {
                if (field.searchable()) {
                    any.add(contains(cb, path(root, field.attribute()), query.search()));
                }
            }
            all.add(cb.or(any.toArray(new Predicate[0])));
        }
        return all.toArray(new Predicate[0]);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate predicate(CriteriaBuilder cb, Path<?> path, ListQuery.Filter filter) {
        Class<?> target = path.getJavaType();
        List<Object> values = filter.values().stream().map(v -> AttributeValues.adapt(v, target)).toList();
        Expression<Comparable> comparable = (Expression<Comparable>) path;
        Comparable first = (Comparable) values.get(0);
        return switch (filter.operator()) {
            case EQ -> cb.equal(path, first);
            case NE -> cb.notEqual(path, first);
            case GT -> cb.greaterThan(comparable, first);
            case GTE -> cb.greaterThanOrEqualTo(comparable, first);
            case LT -> cb.lessThan(comparable, first);
            case LTE -> cb.lessThanOrEqualTo(comparable, first);
            case LIKE -> contains(cb, path, (String) values.get(0));
            case IN -> path.in(values);
            case BETWEEN -> cb.between(comparable, first, (Comparable) values.get(1));
        };
    }

    private static Predicate contains(CriteriaBuilder cb, Path<?> path, String text) {
        // Backslash is the default LIKE escape of both H2 and PostgreSQL. Naming it (an ESCAPE clause) makes
        // EclipseLink print the whole statement with inlined values, and it inlines booleans as 0/1, which H2 2.x
        // refuses to compare with a BOOLEAN column ("search" + "filter[is_system]" was a 500).
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return cb.like(cb.lower(path.as(String.class)), "%" + escaped + "%");
    }

    /** {@code a.b.c}: every step but the last is a (left) join, so collections work; the last is the attribute. */
    private static Path<?> path(Root<?> root, String attribute) {
        String[] parts = attribute.split("\\.");
        From<?, ?> from = root;
        for (int i = 0; i < parts.length - 1; i++) {
            from = from.join(parts[i], JoinType.LEFT);
        }
        return from.get(parts[parts.length - 1]);
    }
}
