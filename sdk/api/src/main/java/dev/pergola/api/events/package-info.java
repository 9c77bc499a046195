/**
 * The platform's event catalogue. Every change recorded in the audit trail ({@link dev.pergola.api.audit}) is, once
 * committed and sealed, an event: posted on Event Admin under {@code dev/pergola/<type with '.' as '/'>}
 * ({@link dev.pergola.api.events.EventTypes#topic(String)}) with the properties of
 * {@link dev.pergola.api.events.PergolaEvent}, delivered to webhooks and to the live streams
 * ({@code /api/v1/events/stream}, {@code /api/v1/ws}). On the wire types keep their dotted names.
 *
 * <p>Plugins post their own events by recording them in the audit trail, and describe them with an
 * {@link dev.pergola.api.events.EventTypeProvider} service so they appear at {@code /api/v1/events/types}.
 */
@Version("1.2.0")
@Export
package dev.pergola.api.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
