package dev.pergola.webhooks.internal.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address already checked by {@link AddressGuard}: the socket connects to that address, the
 * {@code Host} header and (for https) SNI and certificate verification use the URL's host name. No redirect is
 * followed; only the status line of the answer is read.
 *
 * <p>Why not {@code java.net.http.HttpClient}: on Java 17 it resolves the host itself (a second lookup the guard did
 * not check) and refuses a caller-set {@code Host} header, so it cannot be pinned to the checked address.
 */
public final class PinnedPost {
    private static final int MAX_STATUS_LINE = 8192;

    private final SSLSocketFactory tls;

    public PinnedPost(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** The receiver's answer: status code and reason phrase. */
    public record Answer(int status, String reason) {
        public boolean success() {
            return status >= 200 && status < 300;
        }
    }

    public Answer send(URI url, InetAddress address, Map<String, String> headers, byte[] body, Duration connectTimeout,
            Duration readTimeout) throws IOException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
            Socket socket = https ? secure(plain, url.getHost(), port) : plain;
            try (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(head(url, port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return statusLine(socket.getInputStream(), System.nanoTime() + readTimeout.toNanos());
            }
        } finally {
            plain.close();
        }
    }

    private Socket secure(Socket plain, String host, int port) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the URL's host
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    static String head(URI url, int port, boolean https, Map<String, String> headers, int length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return head.append("Content-Length: ").append(length).append("\r\nConnection: close\r\n\r\n").toString();
    }

    static Answer statusLine(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
            if (line.size() > MAX_STATUS_LINE || System.nanoTime() > deadline) {
                throw new IOException("no status line within the read timeout");
            }
        }
        String text = line.toString(StandardCharsets.ISO_8859_1).strip();
        String[] parts = text.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: '" + (text.length() > 80 ? text.substring(0, 80) : text) + "'");
        }
        try {
            return new Answer(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2] : "");
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: '" + parts[1] + "'");
        }
    }
}
