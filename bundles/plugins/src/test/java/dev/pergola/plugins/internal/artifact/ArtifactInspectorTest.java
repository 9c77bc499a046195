package dev.pergola.plugins.internal.artifact;

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

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

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

    private static void refused(Path file, String reason) {
        try {
            ArtifactInspector.inspect(file);
            fail("accepted " + file);
        } catch (ApiException e) {
            assertEquals(ErrorCode.VALIDATION_ERROR, e.code());
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
