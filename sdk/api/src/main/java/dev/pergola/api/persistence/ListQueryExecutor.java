package dev.pergola.api.persistence;

import javax.persistence.EntityManager;
import javax.persistence.criteria.CriteriaBuilder;
import javax.persistence.criteria.Predicate;
import javax.persistence.criteria.Root;

import org.osgi.annotation.versioning.ProviderType;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;

/**
 * Runs a {@link ListQuery} against an entity with the JPA Criteria API: bound parameters only, never SQL
 * text. A field whose attribute path crosses a collection ({@code roles.name}) is joined, and results are
 * then distinct.
 */
@ProviderType
public interface ListQueryExecutor {

    /** An endpoint's own condition on top of the client's filters, e.g. "not deleted". */
    @FunctionalInterface
    interface Restriction<E> {
        Predicate apply(CriteriaBuilder cb, Root<E> root);
    }

    <E> PageResult<E> fetch(EntityManager em, Class<E> entityType, ListQuery query, Restriction<E> restriction);

    default <E> PageResult<E> fetch(EntityManager em, Class<E> entityType, ListQuery query) {
        return fetch(em, entityType, query, null);
    }
}
