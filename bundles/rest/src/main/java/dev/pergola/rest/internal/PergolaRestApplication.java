package dev.pergola.rest.internal;

import javax.ws.rs.core.Application;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import dev.pergola.api.rest.PergolaApplication;

/** The platform's JAX-RS application at {@code /api}; resources and extensions join it through the whiteboard. */
@Component(service = Application.class)
@JaxrsName(PergolaApplication.NAME)
@JaxrsApplicationBase("api")
public class PergolaRestApplication extends Application {
}
