package dev.pergola.backup.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.pergola.api.errors.PergolaException;

/**
 * The folder holding the backups. Every lookup goes through {@link #resolve}: the name is checked
 * ({@link BackupNames#require}) and the resolved path must stay inside the folder before any file is touched.
 * Backups in progress live under a dot-name ending in {@code .part} and are renamed when complete.
 */
public final class BackupFolder {
    private final Path root;

    public BackupFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The file of backup {@code name} (it may not exist). @throws PergolaException 422 for a bad name */
    public Path resolve(String name) {
        BackupNames.require(name);
        Path file = root.resolve(name).normalize();
        if (!file.getParent().equals(root)) {
            throw PergolaException.invalid("name", "is outside the backup folder");
        }
        return file;
    }

    /** The file of an existing backup. @throws PergolaException 422 bad name, 404 no such backup */
    public Path existing(String name) {
        Path file = resolve(name);
        if (!Files.isRegularFile(file)) {
            throw PergolaException.notFound("No backup " + name);
        }
        return file;
    }

    public boolean exists(String name) {
        return BackupNames.valid(name) && Files.exists(resolve(name));
    }

    /** Where a backup is written before it is complete; never listed. */
    public Path partial(String name) {
        return resolve(name).resolveSibling("." + name + ".part");
    }

    /** Makes a complete backup visible under its name. */
    public Path publish(String name) throws IOException {
        return Files.move(partial(name), resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Names of the complete backups, any order. */
    public List<String> names() {
        ensure();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(BackupNames::valid)
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        return names;
    }

    /** @return false when there was no such backup */
    public boolean delete(String name) {
        try {
            return Files.deleteIfExists(resolve(name));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + name, e);
        }
    }

    public void ensure() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the backup folder " + root, e);
        }
    }
}
