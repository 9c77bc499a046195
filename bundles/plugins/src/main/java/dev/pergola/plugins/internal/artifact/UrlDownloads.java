package dev.pergola.plugins.internal.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

/**
 * Fetches a plugin artifact from a URL whose scheme is allowed ({@code mvn:} goes through Karaf's Maven
 * resolver, {@code file:} reads a local file), at most {@code limit} bytes.
 */
public final class UrlDownloads {
    private UrlDownloads() {
    }

    public static void download(String url, List<String> allowedSchemes, long limit, Path target) {
        if (url == null || url.isBlank()) {
            throw problem("A url (mvn:…, file:…) is required.");
        }
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!allowedSchemes.contains(scheme)) {
            throw problem("The scheme '" + scheme + "' is not allowed; allowed: " + String.join(", ", allowedSchemes)
                    + " (setting url.schemes of dev.pergola.plugins).");
        }
        try (InputStream in = new URL(url).openStream(); OutputStream out = Files.newOutputStream(target)) {
            long copied = 0;
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0;) {
                copied += n;
                if (copied > limit) {
                    throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The artifact at " + url + " is larger than "
                            + limit + " bytes.");
                }
                out.write(buffer, 0, n);
            }
        } catch (MalformedURLException e) {
            throw problem("Not a URL: " + e.getMessage());
        } catch (IOException e) {
            throw problem("Cannot read " + url + ": " + e.getMessage());
        }
    }

    private static ApiException problem(String message) {
        return new ApiException(ErrorCode.VALIDATION_ERROR, message, Map.of("url", List.of(message)), Map.of());
    }
}
