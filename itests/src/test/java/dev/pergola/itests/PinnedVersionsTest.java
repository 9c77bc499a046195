package dev.pergola.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * Every third-party version is pinned once, as a property of the parent pom: the features repository and the
 * distribution's etc/ files are filtered from those properties, so a literal version in a {@code mvn:} URI there
 * is a second pin that drifts. (The processing file's bundle replacements are the one exception: they name the
 * exact upstream versions they replace.) karaf-maven-plugin's verify goal (features module) then resolves the
 * features as they are built.
 */
public class PinnedVersionsTest {
    private static final Pattern MVN = Pattern.compile("mvn:([^/\\s<\"]+)/([^/\\s<\"]+)/([^/\\s<\",]+)");

    @Test
    public void featuresAndDistributionNameVersionsOnlyThroughPomProperties() throws IOException {
        Path root = Paths.get("..").toAbsolutePath().normalize();
        List<String> literal = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(root.resolve("features/src/main/feature/feature.xml")));
        try (Stream<Path> etc = Files.list(root.resolve("karaf-distribution/src/main/filtered-resources/etc"))) {
            etc.forEach(files::add);
        }
        for (Path file : files) {
            Matcher m = MVN.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(3).startsWith("${")) {
                    literal.add(root.relativize(file) + ": " + m.group());
                }
            }
        }
        assertEquals("versions not taken from the parent pom's properties", List.of(), literal);
    }
}
