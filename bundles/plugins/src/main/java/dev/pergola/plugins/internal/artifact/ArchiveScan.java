package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;


/**
 * Walks a plugin archive once, before anything reads a manifest from it: every entry is inflated (counting the
 * bytes actually produced, not the sizes the archive declares) within {@link ArchiveLimits}, entry names must be
 * plain relative paths, and names are unique. A KAR's bundles are walked the same way, on the same budget.
 * What passes here can be read by the inspector, the signature check and the framework without surprises.
 */
public final class ArchiveScan {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final ArchiveLimits limits;
    private long inflated;
    private int entries;

    private ArchiveScan(ArchiveLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws PergolaException 413 when the archive inflates beyond the limit, 422 for too many entries, an oversized
     *         manifest, a name that is not a plain relative path, or a file that is not a zip archive
     */
    public static void check(Path archive, ArchiveLimits limits) {
        try {
            new ArchiveScan(limits).walk(archive, "The archive", true);
        } catch (ZipException e) {
            throw ArtifactInspector.refuse("The file is not a jar: it cannot be read as a zip archive.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file " + archive, e);
        }
    }

    private void walk(Path file, String what, boolean outer) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
                ZipEntry entry = all.nextElement();
                if (++entries > limits.maxEntries()) {
                    throw ArtifactInspector.refuse(what + " has more than " + limits.maxEntries() + " entries.");
                }
                String name = entry.getName();
                String problem = nameProblem(name);
                if (problem != null) {
                    throw ArtifactInspector.refuse(what + " has an entry named '" + printable(name) + "': " + problem
                            + "; entry names must be plain relative paths.");
                }
                if (!names.add(name)) {
                    throw ArtifactInspector.refuse(what + " has two entries named '" + printable(name) + "'.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long cap = name.toUpperCase(Locale.ROOT).equals(MANIFEST) ? limits.maxManifestBytes() : Long.MAX_VALUE;
                if (outer && KarContents.isRepositoryJar(entry)) {
                    Path member = Files.createTempFile("pergola-kar-member-", ".jar");
                    try {
                        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(member)) {
                            inflate(in, out, cap, what, name);
                        }
                        try {
                            walk(member, "The archive's " + printable(name), false);
                        } catch (ZipException e) {
                            throw ArtifactInspector.refuse("The archive's " + printable(name)
                                    + " is not an OSGi bundle: it is not a jar.");
                        }
                    } finally {
                        ArtifactStore.deleteQuietly(member);
                    }
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        inflate(in, OutputStream.nullOutputStream(), cap, what, name);
                    }
                }
            }
        }
    }

    private void inflate(InputStream in, OutputStream out, long entryCap, String what, String name) throws IOException {
        byte[] buffer = new byte[65536];
        long entry = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            entry += n;
            inflated += n;
            if (inflated > limits.maxInflatedBytes()) {
                throw new PergolaException("PAYLOAD_TOO_LARGE", what + " inflates to more than "
                        + limits.maxInflatedBytes() + " bytes; it is refused.");
            }
            if (entry > entryCap) {
                throw ArtifactInspector.refuse(what + "'s manifest " + printable(name) + " is larger than " + entryCap
                        + " bytes.");
            }
            out.write(buffer, 0, n);
        }
    }

    /** Why the entry name is not a plain relative path, or null when it is. */
    static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.indexOf('\\') >= 0) {
            return "a backslash";
        }
        if (name.startsWith("/") || (name.length() > 1 && name.charAt(1) == ':')) {
            return "an absolute path";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "a control character";
            }
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "a '" + segment + "' segment";
            }
        }
        return null;
    }

    private static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 120; i++) {
            char c = name.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
