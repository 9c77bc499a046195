package dev.pergola.mail.internal.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.TemplatedMail;

public class TemplateCatalogTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final TemplateEngine engine = new TemplateEngine();

    private DirectoryTemplateFiles contributor(String owner, String subject) throws IOException {
        return new DirectoryTemplateFiles(owner, folder.newFolder(owner).toPath())
                .with("acme.shared", "subject.ftl", subject)
                .with("acme.shared", "text.ftl", "body");
    }

    private String subject() {
        return engine.render(TemplatedMail.of("acme.shared", "a@example.test", null, Map.of()), Locale.ENGLISH)
                .subject();
    }

    @Test
    public void theFirstContributorKeepsANameUntilItGoesAway() throws IOException {
        DirectoryTemplateFiles first = contributor("first", "From first");
        DirectoryTemplateFiles second = contributor("second", "From second");
        assertEquals(List.of("acme.shared"), engine.catalog().add(first));
        assertEquals("refused", List.of(), engine.catalog().add(second));
        assertEquals("From first", subject());

        engine.catalog().remove(second);
        assertEquals("removing the refused one changes nothing", "From first", subject());
        engine.catalog().remove(first);
        assertEquals(PergolaException.NOT_FOUND,
                assertThrows(PergolaException.class, this::subject).code());

        engine.catalog().add(second);
        assertEquals("no stale rendering of the first one's files", "From second", subject());
    }

    @Test
    public void malformedNamesAndFoldersWithoutTextAreIgnored() throws IOException {
        DirectoryTemplateFiles files = new DirectoryTemplateFiles("odd", folder.newFolder("odd").toPath())
                .with("Upper.Case", "text.ftl", "x")
                .with("with space", "text.ftl", "x")
                .with("dots..dots", "text.ftl", "x")
                .with("acme.no-text", "subject.ftl", "x")
                .with("acme.fine_1", "subject.ftl", "x")
                .with("acme.fine_1", "text.ftl", "x");
        assertEquals(List.of("acme.fine_1"), engine.catalog().add(files));
        assertEquals(Set.of("acme.fine_1"), engine.catalog().names());
        assertFalse(engine.catalog().contains("acme.no-text"));
    }

    @Test
    public void localesAreReadInBothSpellings() {
        assertEquals(new Locale("es", "MX"), Locales.parse("es-MX", Locale.ENGLISH));
        assertEquals(new Locale("es", "MX"), Locales.parse("es_MX", Locale.ENGLISH));
        assertEquals(Locale.ENGLISH, Locales.parse("", Locale.ENGLISH));
        assertEquals(Locale.ENGLISH, Locales.parse("not a locale!", Locale.ENGLISH));
        assertEquals(new Locale("sr", "RS"), Locales.forLookup(Locale.forLanguageTag("sr-Latn-RS")));
    }
}
