package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.rest.ErrorCode;

public class UrlDownloadsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<String> opened = new ArrayList<>();

    private UrlDownloads.Opener repository(byte[] content) {
        return url -> {
            opened.add(url);
            return new ByteArrayInputStream(content);
        };
    }

    @Test
    public void plainCoordinatesResolveThroughTheConfiguredResolver() throws IOException {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn"), 100, repository(new byte[] {1, 2, 3}));
        Path target = tmp.newFile().toPath();
        downloads.download("mvn:com.example/hello-plugin/1.0.0", target);
        downloads.download("mvn:com.example/hello-plugin/1.0.0-SNAPSHOT/jar/signed", target);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("mvn:com.example/hello-plugin/1.0.0", "mvn:com.example/hello-plugin/1.0.0-SNAPSHOT/jar/signed"),
                opened);
    }

    @Test
    public void repositoryUrlsCredentialsAndRangesAreRefusedBeforeAnyIo() throws IOException {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn"), 100, repository(new byte[] {1}));
        for (String url : List.of("mvn:http://127.0.0.1:1/x!g/a/1.0", "mvn:http://127.0.0.1:8299/internal-repo!evil/x/1.0",
                "mvn:https://user:secret@repo.example.com/maven2!g/a/1.0", "mvn:g/a/[1.0,2.0)", "mvn:g/a",
                "mvn:g/a/1.0/jar/classifier/extra", "mvn:../a/1.0", "mvn:g/../1.0", "mvn:g/a/1..0", "mvn:g/a/1.0#frag",
                "mvn:g/a/1.0@id=x", "mvn: g/a/1.0", "mvn:g/a/1.0\r\nX: y")) {
            refused(downloads, url, ErrorCode.VALIDATION_ERROR, "plain coordinates");
        }
        assertEquals("nothing was fetched", List.of(), opened);
    }

    @Test
    public void onlyMvnIsAllowedByDefaultAndUnsupportedSchemesAreIgnored() {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn", "https", "ftp"), 100, repository(new byte[] {1}));
        assertEquals(Set.of("mvn"), downloads.allowedSchemes());
        refused(downloads, "file:/etc/passwd", ErrorCode.VALIDATION_ERROR, "'file' is not allowed");
        refused(downloads, "https://example.com/x.jar", ErrorCode.VALIDATION_ERROR, "not allowed");
        refused(downloads, "jar:file:/x.jar!/", ErrorCode.VALIDATION_ERROR, "not allowed");
        refused(downloads, "", ErrorCode.VALIDATION_ERROR, "required");
        assertEquals(List.of(), opened);
    }

    @Test
    public void aFailedResolutionSaysNothingAboutTheNetwork() {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn"), 100, url -> {
            throw new ConnectException("Connection refused: 127.0.0.1:8299 (internal-repo, user admin)");
        });
        PergolaException e = refused(downloads, "mvn:g/a/1.0", ErrorCode.VALIDATION_ERROR, "Could not resolve mvn:g/a/1.0");
        assertFalse(e.getMessage(), e.getMessage().contains("127.0.0.1"));
        assertFalse(e.getMessage(), e.getMessage().contains("refused"));
        assertFalse(e.details().toString(), e.details().toString().contains("127.0.0.1"));
    }

    @Test
    public void theSizeLimitHolds() {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn"), 10, repository(new byte[11]));
        refused(downloads, "mvn:g/a/1.0", ErrorCode.PAYLOAD_TOO_LARGE, "larger than 10 bytes");
    }

    @Test
    public void fileUrlsWhenOptedInAreLocalAbsolutePathsOnly() throws IOException {
        UrlDownloads downloads = new UrlDownloads(List.of("mvn", "file"), 100, repository(new byte[0]));
        Path source = tmp.newFile("plugin.jar").toPath();
        Files.write(source, new byte[] {7, 8});
        Path target = tmp.newFile().toPath();
        downloads.download(source.toUri().toString(), target);
        assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(target));
        refused(downloads, "file://attacker.example/share/x.jar", ErrorCode.VALIDATION_ERROR, "absolute local path");
        refused(downloads, "file:relative/x.jar", ErrorCode.VALIDATION_ERROR, "absolute local path");
        PergolaException missing = refused(downloads, "file:/no/such/dir/x.jar", ErrorCode.VALIDATION_ERROR, "Could not resolve");
        assertFalse(missing.getMessage(), missing.getMessage().contains("NoSuchFile"));
    }

    private PergolaException refused(UrlDownloads downloads, String url, ErrorCode code, String reason) {
        try {
            downloads.download(url, tmp.getRoot().toPath().resolve("target.jar"));
            fail("accepted " + url);
            return null;
        } catch (PergolaException e) {
            assertEquals(url + ": " + e.getMessage(), code.name(), e.code());
            assertTrue(url + ": " + e.getMessage() + " should say " + reason, e.getMessage().contains(reason));
            return e;
        }
    }
}
