package dev.pergola.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File chores of the black-box tests that unpack the distribution and run it with its own scripts. */
final class BlackBoxFiles {
    private BlackBoxFiles() {
    }

    /** Replaces a line of a shipped file, failing when the file no longer has it (a test must not edit nothing). */
    static void replace(Path home, String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String content = Files.readString(path);
        if (!content.contains(from)) {
            throw new AssertionError(file + " has no line '" + from + "'");
        }
        Files.writeString(path, content.replace(from, to));
    }

    /** Deletes a folder and everything under it; nothing when it does not exist. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }
}
