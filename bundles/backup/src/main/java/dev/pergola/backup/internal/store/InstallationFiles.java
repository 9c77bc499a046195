package dev.pergola.backup.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of an installation that go into a backup, and where each goes back on restore:
 * {@code etc/dev.pergola.*.cfg} (not the database connection nor the secrets, which belong to the node), plugin
 * artifacts ({@code data/plugins/artifacts/*}) and, on request, uploads ({@code data/uploads/**}). The entry paths
 * are {@code etc/…} and {@code data/…}; a restore writes an entry back only when its path is one of these shapes and
 * resolves inside its folder, so a crafted backup cannot write elsewhere.
 */
public final class InstallationFiles {
    /** Configuration that describes this node, not the data: never backed up, never overwritten by a restore. */
    static final Set<String> NODE_CONFIG = Set.of("dev.pergola.db.cfg", "dev.pergola.secrets.cfg");
    static final String ARTIFACTS = "plugins/artifacts";
    static final String UPLOADS = "uploads";

    /** A file to back up under {@code path}. */
    public record Item(String path, Path file) {
    }

    private final Path etc;
    private final Path data;

    public InstallationFiles(Path etc, Path data) {
        this.etc = etc.toAbsolutePath().normalize();
        this.data = data.toAbsolutePath().normalize();
    }

    public List<Item> collect(boolean includeUploads) {
        List<Item> items = new ArrayList<>();
        for (Path f : list(etc, 1)) {
            String name = f.getFileName().toString();
            if (isConfig(name)) {
                items.add(new Item("etc/" + name, f));
            }
        }
        for (Path f : list(data.resolve(ARTIFACTS), 1)) {
            items.add(new Item("data/" + ARTIFACTS + "/" + f.getFileName(), f));
        }
        if (includeUploads) {
            Path uploads = data.resolve(UPLOADS);
            for (Path f : list(uploads, Integer.MAX_VALUE)) {
                items.add(new Item("data/" + UPLOADS + "/" + uploads.relativize(f).toString().replace('\\', '/'), f));
            }
        }
        return items;
    }

    /** Where an entry of a backup goes back; empty for a path this installation does not restore. */
    public Optional<Path> target(String path) {
        if (path == null || path.contains("\\") || path.contains("\0")) {
            return Optional.empty();
        }
        if (path.startsWith("etc/")) {
            String name = path.substring(4);
            return isConfig(name) ? inside(etc, name) : Optional.empty();
        }
        String artifacts = "data/" + ARTIFACTS + "/";
        if (path.startsWith(artifacts) && !path.substring(artifacts.length()).contains("/")) {
            return inside(data.resolve(ARTIFACTS), path.substring(artifacts.length()));
        }
        String uploads = "data/" + UPLOADS + "/";
        if (path.startsWith(uploads)) {
            return inside(data.resolve(UPLOADS), path.substring(uploads.length()));
        }
        return Optional.empty();
    }

    static boolean isConfig(String name) {
        return name.startsWith("dev.pergola.") && name.endsWith(".cfg") && !name.contains("/")
                && !NODE_CONFIG.contains(name);
    }

    private static Optional<Path> inside(Path folder, String relative) {
        if (relative.isEmpty()) {
            return Optional.empty();
        }
        Path target = folder.resolve(relative).normalize();
        return target.startsWith(folder) && !target.equals(folder) ? Optional.of(target) : Optional.empty();
    }

    private static List<Path> list(Path folder, int depth) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, depth)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
