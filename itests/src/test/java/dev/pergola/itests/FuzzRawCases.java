package dev.pergola.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.pergola.itests.FuzzRequests.FuzzRequest;

/**
 * Fixed edge cases below the JSON layer, most of which the servlet container sees before any Pergola code:
 * bad charsets, foreign media types, a 20 kB header, a 20 kB URI, {@code %00}, {@code %2F}, {@code ..;}, dot
 * segments, malformed JSON, an array or {@code null} where an object belongs, unknown methods and broken
 * request lines. Method {@code RAW} means: the target is the whole request, sent byte for byte.
 */
final class FuzzRawCases {
    static final String RAW = "RAW";

    private FuzzRawCases() {
    }

    static List<FuzzRequest> all() {
        List<FuzzRequest> cases = new ArrayList<>();
        String login = "{\"username\":\"fuzz-nobody\",\"password\":\"fuzz-password-x\"}";
        String big = "a".repeat(20_000);

        json(cases, "charset=nope", "anonymous", "POST", "/api/v1/auth/login", "application/json; charset=nope", login);
        json(cases, "charset=nope", "admin", "PUT", "/api/v1/preferences", "application/json; charset=nope", "{\"locale\":\"en\"}");
        json(cases, "charset=nope", "admin", "GET", "/api/v1/users", "application/json; charset=nope", "{}");
        json(cases, "charset=empty", "anonymous", "POST", "/api/v1/auth/login", "application/json; charset=", login);
        json(cases, "charset=utf-16", "anonymous", "POST", "/api/v1/auth/login", "application/json; charset=utf-16", login);
        json(cases, "application/xml", "anonymous", "POST", "/api/v1/auth/login", "application/xml", "<login><username>x</username></login>");
        json(cases, "application/xml", "admin", "POST", "/api/v1/roles", "application/xml", "<role/>");
        json(cases, "content-type ;;;", "anonymous", "POST", "/api/v1/auth/login", ";;;", login);
        json(cases, "malformed JSON", "anonymous", "POST", "/api/v1/auth/login", "application/json", "{\"username\":");
        json(cases, "array for object", "anonymous", "POST", "/api/v1/auth/login", "application/json", "[" + login + "]");
        json(cases, "array for object", "admin", "POST", "/api/v1/users", "application/json", "[]");
        json(cases, "string for object", "anonymous", "POST", "/api/v1/auth/login", "application/json", "\"text\"");
        json(cases, "null body", "anonymous", "POST", "/api/v1/auth/login", "application/json", "null");
        json(cases, "null body", "admin", "POST", "/api/v1/roles", "application/json", "null");
        json(cases, "null body", "admin", "PUT", "/api/v1/plugins/none/config", "application/json", "null");

        get(cases, "20 kB header", "anonymous", "/api/v1/auth/me", new String[] {"X-Fuzz", big});
        get(cases, "20 kB header", "admin", "/api/v1/auth/me", new String[] {"X-Fuzz", big});
        get(cases, "20 kB URI path", "admin", "/api/v1/users/" + big);
        get(cases, "20 kB URI query", "admin", "/api/v1/users?search=" + big);
        get(cases, "%00", "admin", "/api/v1/users/%00");
        get(cases, "%00", "anonymous", "/api/%00");
        get(cases, "%2F", "admin", "/api/v1/users/a%2Fb");
        get(cases, "%2F", "anonymous", "/api/v1%2Fstatus");
        get(cases, "..;", "admin", "/api/v1/users/..;/roles");
        get(cases, "..;", "anonymous", "/api/..;/v1/status");
        get(cases, "dot segments", "anonymous", "/api/v1/../../etc");
        get(cases, "dot segments", "anonymous", "/api/v1/../../etc/passwd");
        get(cases, "encoded dot segments", "anonymous", "/api/v1/%2e%2e/%2e%2e/etc/passwd");
        get(cases, "bad percent", "anonymous", "/api/v1/users/%zz");
        get(cases, "bad percent", "anonymous", "/api/v1/users/%");
        get(cases, "overlong UTF-8", "anonymous", "/api/v1/users/%C0%AF");
        get(cases, "Accept xml", "admin", "/api/v1/auth/me", new String[] {"Accept", "application/xml"});
        get(cases, "root", "anonymous", "/");
        get(cases, "api root", "anonymous", "/api");
        get(cases, "outside /api", "anonymous", "/nothing-here");

        cases.add(new FuzzRequest("raw: method FOO", "admin", "FOO", "/api/v1/users", List.of(), null, null));
        cases.add(new FuzzRequest("raw: method TRACE", "anonymous", "TRACE", "/api/v1/users", List.of(), null, null));
        cases.add(new FuzzRequest("raw: method PROPFIND", "anonymous", "PROPFIND", "/api", List.of(), null, null));

        raw(cases, "garbage request line", "GARBAGE\r\n\r\n");
        raw(cases, "HTTP/9.9", "GET /api/health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
        raw(cases, "no Host", "GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n");
        raw(cases, "relative target", "GET api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        raw(cases, "absolute target", "GET http://evil.example/api/v1/auth/jwks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        raw(cases, "bare LF", "GET /api/v1/auth/jwks HTTP/1.1\nHost: x\nConnection: close\n\n");
        raw(cases, "header without colon", "GET /api/v1/auth/jwks HTTP/1.1\r\nHost: x\r\nNoColonHere\r\nConnection: close\r\n\r\n");
        raw(cases, "Content-Length -1", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: -1\r\nConnection: close\r\n\r\n{}");
        raw(cases, "Content-Length abc", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: abc\r\nConnection: close\r\n\r\n{}");
        raw(cases, "bad chunk size", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        raw(cases, "CL and TE", "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n");
        raw(cases, "non-ASCII header", "GET /api/v1/auth/jwks HTTP/1.1\r\nHost: x\r\nX-Fuzz: \u00fc\u00e4\u00f6 \uD83D\uDE00\r\n"
                + "Connection: close\r\n\r\n");
        StringBuilder many = new StringBuilder("GET /api/v1/auth/jwks HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 300; i++) {
            many.append("X-Fuzz-").append(i).append(": ").append(i).append("\r\n");
        }
        raw(cases, "300 headers", many.append("Connection: close\r\n\r\n").toString());
        return cases;
    }

    private static void json(List<FuzzRequest> cases, String name, String identity, String method, String path,
            String contentType, String body) {
        cases.add(new FuzzRequest("raw: " + name, identity, method, path, List.<String[]>of(new String[] {"Content-Type", contentType}),
                body.getBytes(StandardCharsets.UTF_8), name));
    }

    private static void get(List<FuzzRequest> cases, String name, String identity, String target, String[]... headers) {
        cases.add(new FuzzRequest("raw: " + name, identity, "GET", target, List.of(headers), null, null));
    }

    private static void raw(List<FuzzRequest> cases, String name, String request) {
        cases.add(new FuzzRequest("raw: " + name, "anonymous", RAW, request, List.of(), null, null));
    }
}
