package dev.pergola.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.rest.PergolaApplication;
import dev.pergola.rest.internal.filters.SecurityGate;
import dev.pergola.rest.internal.maintenance.MaintenanceGate;

/**
 * The platform's JAX-RS application at {@code /api}; resources and extensions join it through the whiteboard.
 * It requires the {@link SecurityGate}: the whiteboard does not serve it until the gate is there, and the gate
 * refuses whatever authorization has not vouched for. It requires the {@link MaintenanceGate} too, so it is never
 * served without the check that keeps callers out during a restore.
 */
@Component(service = Application.class)
@JaxrsName(PergolaApplication.NAME)
@JaxrsApplicationBase("api")
@JaxrsExtensionSelect({"(osgi.jaxrs.name=" + SecurityGate.NAME + ")", "(osgi.jaxrs.name=" + MaintenanceGate.NAME + ")"})
public class PergolaRestApplication extends Application {
}
