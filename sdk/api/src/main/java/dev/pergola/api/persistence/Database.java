package dev.pergola.api.persistence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Facts about the platform database. The platform registers it together with the shared
 * {@code javax.sql.DataSource} (service property {@code osgi.jndi.service.name=pergola}).
 */
@ProviderType
public interface Database {
    /** {@code osgi.jndi.service.name} of the shared DataSource, as used in a persistence unit's data source. */
    String DATASOURCE_NAME = "pergola";
    /** Filter selecting the shared DataSource service. */
    String DATASOURCE_FILTER = "(osgi.jndi.service.name=" + DATASOURCE_NAME + ")";
    /** What a persistence.xml names as its data source to use the shared one through Aries JPA. */
    String PERSISTENCE_UNIT_DATASOURCE = "osgi:service/javax.sql.DataSource/" + DATASOURCE_FILTER;

    /** {@code h2} or {@code postgresql}. */
    String type();

    /** JDBC URL, without credentials. */
    String url();

    /** Product name and version as the driver reports them, e.g. {@code PostgreSQL 15.18}. */
    String product();
}
