package dev.pergola.metrics.internal.scrape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.servlet.http.HttpServletResponse;

/**
 * The platform's error envelope for {@code /metrics}, which lives outside the JAX-RS application (and so without its
 * JSON provider): the few fixed answers this servlet gives, written by hand.
 */
final class ErrorJson {
    private ErrorJson() {
    }

    static void write(HttpServletResponse response, int status, String code, String message, String requestId,
            String requiredPermission) throws IOException {
        StringBuilder json = new StringBuilder(256).append("{\"error\":{\"code\":").append(quote(code))
                .append(",\"message\":").append(quote(message));
        if (requiredPermission != null) {
            json.append(",\"required_permission\":").append(quote(requiredPermission));
        }
        json.append(",\"request_id\":").append(quote(requestId == null ? "" : requestId))
                .append(",\"timestamp\":").append(quote(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString()))
                .append("}}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
