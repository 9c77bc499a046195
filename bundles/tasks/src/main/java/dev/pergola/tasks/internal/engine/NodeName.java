package dev.pergola.tasks.internal.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Which node ran a task: Karaf's instance name at the host name, e.g. {@code root@app-1}. */
final class NodeName {
    private NodeName() {
    }

    static String current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("karaf.name", "root") + "@" + host;
    }
}
