package dev.pergola.plugins.internal.artifact;

import dev.pergola.api.errors.PergolaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

import org.osgi.framework.Version;

import dev.pergola.api.plugins.Plugins;

/**
 * Reads and checks a plugin artifact's manifest. Every refusal is a 422 whose message tells the uploader what
 * to change; nothing here touches the framework.
 */
public final class ArtifactInspector {
    private static final Pattern SLUG = Pattern.compile(Plugins.SLUG_PATTERN);

    private ArtifactInspector() {
    }

    public static Inspection inspect(Path artifact) {
        return inspect(artifact, ArchiveLimits.DEFAULT);
    }

    /** Checks the archive against the limits (see {@link ArchiveScan}), then reads its manifest. */
    public static Inspection inspect(Path artifact, ArchiveLimits limits) {
        try {
            if (Files.size(artifact) == 0) {
                throw refuse("The file is empty.");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the uploaded file: " + e.getMessage(), e);
        }
        ArchiveScan.check(artifact, limits);
        if (KarContents.isKar(artifact)) {
            return inspectKar(artifact);
        }
        Manifest manifest;
        try (JarFile jar = new JarFile(artifact.toFile())) {
            manifest = jar.getManifest();
        } catch (ZipException e) {
            throw refuse("The file is not a jar: it cannot be read as a zip archive.");
        } catch (IOException e) {
            throw refuse("The file is not a readable jar.");
        }
        if (manifest == null) {
            throw refuse("The jar has no META-INF/MANIFEST.MF, so it is not an OSGi bundle.");
        }
        return inspect(manifest.getMainAttributes());
    }

    /** A KAR: exactly one bundle is the plugin (carries Pergola-Plugin); the others come with it. */
    private static Inspection inspectKar(Path kar) {
        List<KarContents.Member> members = KarContents.members(kar);
        List<KarContents.Member> mains = members.stream().filter(KarContents.Member::isPluginMain).toList();
        if (mains.size() != 1) {
            throw refuse("A .kar plugin needs exactly one bundle with a " + Plugins.PLUGIN_HEADER + " header; this one has "
                    + mains.size() + (mains.isEmpty() ? "." : ": " + String.join(", ",
                            mains.stream().map(KarContents.Member::symbolicName).toList()) + "."));
        }
        Inspection main = inspect(mains.get(0).headers());
        List<String> names = members.stream().map(KarContents.Member::symbolicName).toList();
        return new Inspection(main.slug(), main.symbolicName(), main.version(), main.name(), main.description(),
                main.vendor(), names);
    }

    static Inspection inspect(Attributes headers) {
        String symbolicName = headers.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank() || !"2".equals(trim(headers.getValue("Bundle-ManifestVersion")))) {
            throw refuse("The jar is not an OSGi bundle: its manifest needs Bundle-ManifestVersion: 2 and a"
                    + " Bundle-SymbolicName.");
        }
        symbolicName = symbolicName.split(";")[0].trim();
        if (headers.getValue("Fragment-Host") != null) {
            throw refuse(symbolicName + " is a fragment (Fragment-Host); a plugin must be a bundle of its own.");
        }
        String slug = trim(headers.getValue(Plugins.PLUGIN_HEADER));
        if (slug == null || slug.isEmpty()) {
            throw refuse(symbolicName + " is a bundle but not a Pergola plugin: its manifest has no "
                    + Plugins.PLUGIN_HEADER + " header. Add '" + Plugins.PLUGIN_HEADER + ": <slug>' to it.");
        }
        if (!SLUG.matcher(slug).matches()) {
            throw refuse(Plugins.PLUGIN_HEADER + " '" + slug + "' is not a valid slug: 2 to 63 characters, lower-case"
                    + " letters, digits and '-', starting with a letter.");
        }
        Version version;
        try {
            version = Version.parseVersion(trim(headers.getValue("Bundle-Version")));
        } catch (IllegalArgumentException e) {
            throw refuse("Bundle-Version '" + headers.getValue("Bundle-Version") + "' is not an OSGi version: " + e.getMessage());
        }
        String name = trim(headers.getValue("Bundle-Name"));
        return new Inspection(slug, symbolicName, version, name == null || name.isEmpty() ? slug : name,
                trim(headers.getValue("Bundle-Description")), trim(headers.getValue("Bundle-Vendor")), List.of(symbolicName));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** A 422 whose message is the reason itself, also listed under the upload field. */
    public static PergolaException refuse(String message) {
        return new PergolaException("VALIDATION_ERROR", message, Map.of("plugin_file", List.of(message)), Map.of());
    }
}
