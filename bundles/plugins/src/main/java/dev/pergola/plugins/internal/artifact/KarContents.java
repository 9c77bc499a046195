package dev.pergola.plugins.internal.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A Karaf archive (.kar) as a multi-bundle plugin: the bundle jars under {@code repository/}. Exactly one of
 * them carries {@code Pergola-Plugin} (the plugin's main bundle); the others are its private libraries.
 */
public final class KarContents {
    private KarContents() {
    }

    /** One bundle inside the archive. */
    public record Member(String entry, String symbolicName, Attributes headers) {
        public boolean isPluginMain() {
            return headers.getValue(dev.pergola.api.plugins.Plugins.PLUGIN_HEADER) != null;
        }
    }

    /** True when the file is a zip with jars under {@code repository/} (a KAR), false for anything else. */
    public static boolean isKar(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.stream().anyMatch(KarContents::isRepositoryJar);
        } catch (ZipException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * The bundles of a KAR, in archive order; non-bundle jars are refused with the reason. Each member's manifest
     * is read from a copy through {@link JarFile}, the way the framework will read it (a zip's central directory
     * and its local headers may disagree; only the central directory counts). Call it on archives that passed
     * {@link ArchiveScan}.
     */
    public static List<Member> members(Path kar) {
        List<Member> members = new ArrayList<>();
        try (ZipFile zip = new ZipFile(kar.toFile())) {
            for (ZipEntry entry : zip.stream().filter(KarContents::isRepositoryJar).toList()) {
                Manifest manifest = manifest(zip, entry);
                String bsn = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
                if (bsn == null || !"2".equals(trim(manifest.getMainAttributes().getValue("Bundle-ManifestVersion")))) {
                    throw ArtifactInspector.refuse("The archive's " + entry.getName() + " is not an OSGi bundle.");
                }
                members.add(new Member(entry.getName(), bsn.split(";")[0].trim(), manifest.getMainAttributes()));
            }
        } catch (IOException e) {
            throw ArtifactInspector.refuse("The archive cannot be read as a zip archive.");
        }
        return members;
    }

    private static Manifest manifest(ZipFile zip, ZipEntry entry) throws IOException {
        Path copy = Files.createTempFile("pergola-kar-member-", ".jar");
        try {
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            try (JarFile jar = new JarFile(copy.toFile(), false)) {
                return jar.getManifest();
            } catch (ZipException e) {
                return null;
            }
        } finally {
            ArtifactStore.deleteQuietly(copy);
        }
    }

    /** The content of one member; close it after use. */
    public static InputStream open(Path kar, String entry) throws IOException {
        ZipFile zip = new ZipFile(kar.toFile());
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            zip.close();
            throw new IOException(entry + " is not in " + kar);
        }
        return new java.io.FilterInputStream(zip.getInputStream(e)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    static boolean isRepositoryJar(ZipEntry e) {
        return !e.isDirectory() && e.getName().startsWith("repository/") && e.getName().endsWith(".jar");
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
