package dev.pergola.api.persistence;

import javax.persistence.EntityManager;

import org.osgi.annotation.versioning.ProviderType;

import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.PageResult;

/** Runs a {@link ListQuery} against an entity with the JPA Criteria API: bound parameters only, never SQL text. */
@ProviderType
public interface ListQueryExecutor {
    <E> PageResult<E> fetch(EntityManager em, Class<E> entityType, ListQuery query);
}
