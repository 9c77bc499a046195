package dev.pergola.monitoring.internal.history;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.osgi.framework.BundleContext;

/** Names this node in the history: host name and Karaf instance name, so nodes sharing a database keep apart. */
final class NodeName {
    private NodeName() {
    }

    static String of(BundleContext context) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        String name = host + "/" + context.getProperty("karaf.name");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
