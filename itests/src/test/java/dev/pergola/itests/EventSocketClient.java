package dev.pergola.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A client of {@code /api/v1/ws} for tests (java.net.http.WebSocket): messages as JSON, the close status. */
final class EventSocketClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message and when it arrived (System.nanoTime). */
    record Received(JsonNode json, long arrivedNanos) {
    }

    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    EventSocketClient() throws Exception {
        StringBuilder partial = new StringBuilder();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + Integer.getInteger(PergolaExam.HTTP_PORT) + "/api/v1/ws"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    try {
                                        messages.add(new Received(JSON.readTree(partial.toString()), System.nanoTime()));
                                    } catch (Exception e) {
                                        throw new AssertionError("not JSON: " + partial, e);
                                    }
                                    partial.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                                closed.complete(statusCode);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket ws, Throwable error) {
                                closed.complete(-1);
                            }
                        })
                .get(10, TimeUnit.SECONDS);
    }

    void send(Map<String, ?> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message of the given type within the time (others before it are skipped), else null. */
    Received next(String type, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
            if (r == null || r.json().path("type").asText().equals(type)) {
                return r;
            }
        }
    }

    /** Authenticates and returns the server's answer (authenticated or error). */
    JsonNode auth(String token) throws Exception {
        send(Map.of("type", "auth", "token", token));
        Received r = messages.poll(10, TimeUnit.SECONDS);
        return r == null ? null : r.json();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
