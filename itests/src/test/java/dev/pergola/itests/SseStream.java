package dev.pergola.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** A Server-Sent Events client for tests: java.net.http, one reader thread parsing the stream into messages. */
final class SseStream implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event: {@code id:}, {@code event:}, {@code data:}, and when it arrived (System.nanoTime). */
    record Message(String id, String event, String data, long arrivedNanos) {
    }

    final HttpResponse<InputStream> response;
    final String errorBody;
    final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final AtomicInteger comments = new AtomicInteger();
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseStream(HttpResponse<InputStream> response) throws IOException {
        this.response = response;
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                errorBody = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            }
            ended.countDown();
            return;
        }
        errorBody = null;
        Thread reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static SseStream open(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Integer.getInteger(PergolaExam.HTTP_PORT) + path)).header("Accept", "text/event-stream").GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return new SseStream(CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(10, TimeUnit.SECONDS));
    }

    int status() {
        return response.statusCode();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, event, data.toString(), System.nanoTime()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
                }
            }
        } catch (IOException closed) {
            // closed by the test or the server
        } finally {
            ended.countDown();
        }
    }

    /** The next message within the time, else null. */
    Message next(Duration within) throws InterruptedException {
        return messages.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server ended the stream within the time. */
    boolean awaitEnd(Duration within) throws InterruptedException {
        return ended.await(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    String drained() {
        return messages.stream().map(m -> m.event() + "#" + m.id()).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
