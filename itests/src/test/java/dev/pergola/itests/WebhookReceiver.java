package dev.pergola.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver for the tests: a bare HTTP/1.1 server on one loopback address and a fixed port, which can be
 * stopped (connection refused) and started again on the same port, and told which status to answer. Plain sockets
 * rather than {@code com.sun.net.httpserver}, which the Karaf framework does not export to the test probe.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived, and the status it was answered with. */
    record Request(Map<String, String> headers, String body, int answeredWith) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final InetAddress address;
    private final int port;
    private volatile int status = 200;
    private volatile ServerSocket server;

    WebhookReceiver(String address) throws IOException {
        this.address = InetAddress.getByName(address);
        try (ServerSocket probe = new ServerSocket(0, 50, this.address)) {
            this.port = probe.getLocalPort();
        }
    }

    String url(String path) {
        return "http://" + address.getHostAddress() + ":" + port + path;
    }

    void answer(int code) {
        status = code;
    }

    synchronized void start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(address, port));
        server = s;
        Thread t = new Thread(() -> serve(s), "webhook-receiver-" + port);
        t.setDaemon(true);
        t.start();
    }

    synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Requests answered 2xx, in arrival order. */
    List<Request> accepted() {
        List<Request> ok = new ArrayList<>();
        for (Request r : requests) {
            if (r.answeredWith() / 100 == 2) {
                ok.add(r);
            }
        }
        return ok;
    }

    private void serve(ServerSocket s) {
        while (!s.isClosed()) {
            try (Socket c = s.accept()) {
                c.setSoTimeout(5000);
                handle(c);
            } catch (IOException e) {
                // closed by stop(), or a client gone: keep serving until stopped
            }
        }
    }

    private void handle(Socket c) throws IOException {
        InputStream in = c.getInputStream();
        Map<String, String> headers = new TreeMap<>();
        String line = readLine(in);
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        int code = status;
        requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), code));
        OutputStream out = c.getOutputStream();
        out.write(("HTTP/1.1 " + code + " " + (code == 200 ? "OK" : "Unavailable")
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
