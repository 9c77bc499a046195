package dev.pergola.itests;

import static org.junit.Assert.assertEquals;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Paths;

/** The first-boot admin of the platform under test (inside the container: karaf.data is the instance's). */
final class Admin {
    private Admin() {
    }

    static String password() throws Exception {
        return Files.readString(Paths.get(System.getProperty("karaf.data"), "initial-admin-password")).trim();
    }

    /** Logs in as admin and returns the access token. */
    static String login(Http http) throws Exception {
        Http.Reply reply = http.post("/api/v1/auth/login", "application/json",
                BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password() + "\"}"));
        assertEquals(reply.body(), 200, reply.status());
        return reply.json().path("data").path("access_token").asText();
    }
}
