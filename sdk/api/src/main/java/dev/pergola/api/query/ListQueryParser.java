package dev.pergola.api.query;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads {@code page}, {@code per_page}, {@code sort}, {@code fields}, {@code search} and
 * {@code filter[field]=v} / {@code filter[field][op]=v} against a {@link ListSpec}; other parameters are
 * left to the endpoint. A JAX-RS resource passes {@code uriInfo.getQueryParameters()}.
 */
@ProviderType
public interface ListQueryParser {
    /** @throws dev.pergola.api.errors.PergolaException VALIDATION_ERROR naming each offending parameter */
    ListQuery parse(Map<String, List<String>> queryParameters, ListSpec spec);
}
