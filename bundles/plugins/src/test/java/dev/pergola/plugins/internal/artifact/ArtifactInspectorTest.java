package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;


public class ArtifactInspectorTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void readsAPluginManifest() throws IOException {
        Inspection i = ArtifactInspector.inspect(jar(Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "com.example.hello;singleton:=true", "Bundle-Version", "1.2.3",
                "Bundle-Name", "Hello", "Pergola-Plugin", "hello", "Bundle-Vendor", "Example")));
        assertEquals("hello", i.slug());
        assertEquals("com.example.hello", i.symbolicName());
        assertEquals("1.2.3", i.version().toString());
        assertEquals("Hello", i.name());
        assertEquals("Example", i.vendor());
    }

    @Test
    public void refusesWhatIsNotAPluginWithTheReason() throws IOException {
        refused(Files.createFile(tmp.getRoot().toPath().resolve("empty.jar")), "empty");
        Path random = tmp.newFile("random.jar").toPath();
        Files.write(random, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        refused(random, "not a jar");
        refused(jar(Map.of("Manifest-Version", "1.0")), "not an OSGi bundle");
        refused(jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b")), "no Pergola-Plugin header");
        refused(jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b", "Pergola-Plugin", "Bad_Slug")),
                "not a valid slug");
        refused(jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b", "Pergola-Plugin", "ok",
                "Bundle-Version", "one.two")), "not an OSGi version");
        refused(jar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "a.b", "Pergola-Plugin", "ok",
                "Fragment-Host", "c.d")), "fragment");
        refused(kar(), "not an OSGi bundle");
        refused(kar(Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "lib.only")), "exactly one bundle");
    }

    @Test
    public void aKarNamesItsPluginBundleAndBringsTheOthers() throws IOException {
        Inspection i = ArtifactInspector.inspect(kar(
                Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.lib", "Bundle-Version", "1.0.0"),
                Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "com.example.shelf", "Bundle-Version", "2.1.0",
                        "Pergola-Plugin", "shelf")));
        assertEquals("shelf", i.slug());
        assertEquals("com.example.shelf", i.symbolicName());
        assertEquals("2.1.0", i.version().toString());
        assertEquals(java.util.List.of("com.example.lib", "com.example.shelf"), i.bundles());
    }

    @Test
    public void aZipBombIsRefusedWith413BeforeItsManifestIsRead() throws IOException {
        Path bomb = tmp.getRoot().toPath().resolve("bomb.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros); // 64 MiB of zeros deflate to ~64 KiB
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20);
        PergolaException e = refusedWith(bomb, new ArchiveLimits(100, 16L << 20, 4096));
        assertEquals("PAYLOAD_TOO_LARGE", e.code());
        assertTrue(e.getMessage(), e.getMessage().contains("inflates to more than 16777216 bytes"));
    }

    @Test
    public void aHugeManifestOrTooManyEntriesAreRefused() throws IOException {
        Path bigManifest = tmp.getRoot().toPath().resolve("big-manifest.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bigManifest))) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\r\nX: " + "x".repeat(10_000) + "\r\n").getBytes());
            zip.closeEntry();
        }
        PergolaException manifest = refusedWith(bigManifest, new ArchiveLimits(100, 1L << 20, 4096));
        assertEquals("VALIDATION_ERROR", manifest.code());
        assertTrue(manifest.getMessage(), manifest.getMessage().contains("larger than 4096 bytes"));

        Path many = tmp.getRoot().toPath().resolve("many.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
            for (int i = 0; i < 11; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        }
        PergolaException entries = refusedWith(many, new ArchiveLimits(10, 1L << 20, 4096));
        assertTrue(entries.getMessage(), entries.getMessage().contains("more than 10 entries"));
    }

    @Test
    public void aKarMemberThatInflatesTooMuchIsRefused() throws IOException {
        Path inner = jar(PLUGIN);
        Path kar = tmp.getRoot().toPath().resolve("bomb.kar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
            zip.putNextEntry(new ZipEntry("repository/a/b/1.0/b-1.0.jar"));
            zip.write(Files.readAllBytes(inner));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("repository/a/c/1.0/c-1.0.jar"));
            try (ZipOutputStream nested = new ZipOutputStream(new java.io.FilterOutputStream(zip) {
                @Override
                public void close() throws IOException {
                    flush(); // keep the outer archive open
                }
            })) {
                nested.putNextEntry(new ZipEntry("zeros.bin"));
                nested.write(new byte[8 << 20]);
                nested.closeEntry();
            }
            zip.closeEntry();
        }
        assertEquals("PAYLOAD_TOO_LARGE", refusedWith(kar, new ArchiveLimits(100, 4L << 20, 4096)).code());
        PergolaException withinLimits = refusedWith(kar, new ArchiveLimits(100, 64L << 20, 4096));
        assertTrue("within the limits, only its missing manifest is wrong: " + withinLimits.getMessage(),
                withinLimits.getMessage().contains("c-1.0.jar is not an OSGi bundle"));
    }

    @Test
    public void karEntryNamesMustBePlainRelativePaths() throws IOException {
        byte[] plugin = Files.readAllBytes(jar(PLUGIN));
        for (String name : new String[] {"repository/../../etc/evil.jar", "/repository/a/b/1.0/b-1.0.jar",
                "repository\\a\\b-1.0.jar", "repository/a/./b/1.0/b-1.0.jar", "C:/repository/b.jar"}) {
            Path kar = Files.createTempFile(tmp.getRoot().toPath(), "names-", ".kar");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(kar))) {
                zip.putNextEntry(new ZipEntry("repository/a/b/1.0/b-1.0.jar"));
                zip.write(plugin);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(name));
                zip.write(plugin);
                zip.closeEntry();
            }
            PergolaException e = refusedWith(kar, ArchiveLimits.DEFAULT);
            assertEquals(name, "VALIDATION_ERROR", e.code());
            assertTrue(name + ": " + e.getMessage(), e.getMessage().contains("plain relative paths"));
        }
        assertEquals(null, ArchiveScan.nameProblem("repository/com/example/x/1.0/x-1.0.jar"));
        assertEquals(null, ArchiveScan.nameProblem("META-INF/"));
    }

    private static final Map<String, String> PLUGIN = Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName",
            "com.example.shelf", "Bundle-Version", "2.1.0", "Pergola-Plugin", "shelf");

    private static PergolaException refusedWith(Path file, ArchiveLimits limits) {
        try {
            ArtifactInspector.inspect(file, limits);
            fail("accepted " + file);
            return null;
        } catch (PergolaException e) {
            return e;
        }
    }

    private static void refused(Path file, String reason) {
        try {
            ArtifactInspector.inspect(file);
            fail("accepted " + file);
        } catch (PergolaException e) {
            assertEquals("VALIDATION_ERROR", e.code());
            assertTrue(e.getMessage() + " should say " + reason, e.getMessage().contains(reason));
            assertTrue(e.details().containsKey("plugin_file"));
        }
    }

    private Path jar(Map<String, String> headers) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Path file = Files.createTempFile(tmp.getRoot().toPath(), "plugin-", ".jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("x/Y.class"));
            jar.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            jar.closeEntry();
        }
        return file;
    }

    @SafeVarargs
    private Path kar(Map<String, String>... bundles) throws IOException {
        Path file = Files.createTempFile(tmp.getRoot().toPath(), "plugin-", ".kar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            int n = 0;
            for (Map<String, String> headers : bundles) {
                zip.putNextEntry(new ZipEntry("repository/x/b" + n + "/1.0/b" + n++ + "-1.0.jar"));
                zip.write(Files.readAllBytes(jar(headers)));
                zip.closeEntry();
            }
        }
        return file;
    }

    private Path kar() throws IOException {
        Path file = Files.createTempFile(tmp.getRoot().toPath(), "plugin-", ".kar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("repository/a/b/1.0/b-1.0.jar"));
            zip.write(1);
            zip.closeEntry();
        }
        return file;
    }
}
