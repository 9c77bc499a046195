package dev.pergola.mail.internal.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Templates in a directory, as a bundle's templates folder holds them. */
final class DirectoryTemplateFiles implements TemplateFiles {
    private final String owner;
    private final Path root;

    DirectoryTemplateFiles(String owner, Path root) {
        this.owner = owner;
        this.root = root;
    }

    /** Writes {@code content} to {@code <root>/<template>/<file>}. */
    DirectoryTemplateFiles with(String template, String file, String content) throws IOException {
        Path target = root.resolve(template).resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
        return this;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Set<String> templateNames() {
        try (Stream<Path> children = Files.list(root)) {
            Set<String> names = new TreeSet<>();
            children.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public URL file(String template, String fileName) {
        Path file = root.resolve(template).resolve(fileName);
        try {
            return Files.isRegularFile(file) ? file.toUri().toURL() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
