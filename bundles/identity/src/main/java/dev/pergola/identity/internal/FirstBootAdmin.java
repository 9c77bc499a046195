package dev.pergola.identity.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the first admin account when the platform boots without one. */
@Component(service = FirstBootAdmin.class, immediate = true)
public class FirstBootAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(FirstBootAdmin.class);

    @Activate
    public FirstBootAdmin(BundleContext context) throws IOException {
        Path etc = Paths.get(context.getProperty("karaf.etc"));
        Path passwordFile = Paths.get(context.getProperty("karaf.data")).resolve("initial-admin-password");
        switch (InitialAdmin.ensure(etc.resolve("users.properties"), passwordFile, System.getenv(), new SecureRandom())) {
            case GENERATED -> LOG.warn("First boot: created user 'admin'; its password is in {} (readable by this "
                    + "account only). Change it after the first login.", passwordFile);
            case FROM_ENVIRONMENT -> LOG.info("First boot: created user 'admin' with the password from "
                    + "PERGOLA_ADMIN_PASSWORD.");
            case ALREADY_PRESENT -> LOG.debug("Admin account present");
        }
    }
}
