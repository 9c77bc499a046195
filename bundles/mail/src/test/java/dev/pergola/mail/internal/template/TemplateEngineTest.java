package dev.pergola.mail.internal.template;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.TemplatedMail;

public class TemplateEngineTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final TemplateEngine engine = new TemplateEngine();

    @Before
    public void greeting() throws IOException {
        engine.catalog().add(new DirectoryTemplateFiles("core", folder.newFolder("core").toPath())
                .with("test.greeting", "subject.ftl", "Hello ${name}\n")
                .with("test.greeting", "subject_es.ftl", "Hola ${name}")
                .with("test.greeting", "text.ftl", "Hello ${name}, you have ${count} notes.")
                .with("test.greeting", "text_es.ftl", "Hola ${name}, tienes ${count} notas.")
                .with("test.greeting", "html.ftlh", "<p>Hello <b>${name}</b></p>")
                .with("test.greeting", "html_es.ftlh", "<p>Hola <b>${name}</b></p>")
                .with("test.plain", "subject.ftl", "Line one\r\nline two")
                .with("test.plain", "text.ftl", "Just text for ${name}"));
    }

    private MailMessage render(String template, Locale locale, Map<String, Object> model) {
        return engine.render(new TemplatedMail(template, "ana@example.test", locale, model, null), locale);
    }

    @Test
    public void rendersSubjectTextAndHtmlOfTheBaseFiles() {
        MailMessage m = render("test.greeting", Locale.ENGLISH, Map.of("name", "Ana", "count", 3));
        assertEquals("Hello Ana", m.subject());
        assertEquals("Hello Ana, you have 3 notes.", m.text());
        assertEquals("<p>Hello <b>Ana</b></p>", m.html());
        assertEquals("ana@example.test", m.to());
        assertEquals("the template name is the default category", "test.greeting", m.category());
    }

    @Test
    public void aCountryFallsBackToItsLanguageThenToEnglish() {
        Map<String, Object> model = Map.of("name", "Ana", "count", 1);
        assertEquals("Hola Ana", render("test.greeting", new Locale("es", "MX"), model).subject());
        assertEquals("Hola Ana, tienes 1 notas.", render("test.greeting", new Locale("es"), model).text());
        assertEquals("Hello Ana", render("test.greeting", Locale.FRENCH, model).subject());
    }

    @Test
    public void htmlEscapesEveryValueAndTextKeepsItAsItIs() {
        String hostile = "<script>alert('x')</script> & \"co\"";
        MailMessage m = render("test.greeting", Locale.ENGLISH, Map.of("name", hostile, "count", 1));
        assertEquals("<p>Hello <b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</b></p>", m.html());
        assertTrue(m.text(), m.text().contains(hostile));
    }

    @Test
    public void aTemplateWithoutHtmlSendsTextOnlyAndTheSubjectIsOneLine() {
        MailMessage m = render("test.plain", Locale.ENGLISH, Map.of("name", "Ana"));
        assertNull(m.html());
        assertEquals("Line one line two", m.subject());
    }

    @Test
    public void anUnknownTemplateIsNotFound() {
        PergolaException e = assertThrows(PergolaException.class, () -> render("test.nope", Locale.ENGLISH, Map.of()));
        assertEquals(PergolaException.NOT_FOUND, e.code());
    }

    @Test
    public void aMissingValueIsAValidationErrorNamingTheExpression() {
        PergolaException e = assertThrows(PergolaException.class,
                () -> render("test.greeting", Locale.ENGLISH, Map.of("name", "Ana")));
        assertEquals(PergolaException.VALIDATION, e.code());
        assertTrue(e.details().toString(), e.details().get("model").get(0).contains("count"));
    }

    @Test
    public void aTemplateThatDoesNotParseIsAValidationError() throws IOException {
        engine.catalog().add(new DirectoryTemplateFiles("broken", folder.newFolder("broken").toPath())
                .with("test.broken", "subject.ftl", "Hi ${name")
                .with("test.broken", "text.ftl", "x"));
        PergolaException e = assertThrows(PergolaException.class,
                () -> render("test.broken", Locale.ENGLISH, Map.of("name", "Ana")));
        assertEquals(PergolaException.VALIDATION, e.code());
        assertTrue(e.details().toString(), e.details().get("template").get(0).contains("does not parse"));
    }

    @Test
    public void aTemplateCannotInstantiateClasses() throws IOException {
        engine.catalog().add(new DirectoryTemplateFiles("evil", folder.newFolder("evil").toPath())
                .with("test.evil", "subject.ftl", "x")
                .with("test.evil", "text.ftl",
                        "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}"));
        PergolaException e = assertThrows(PergolaException.class,
                () -> render("test.evil", Locale.ENGLISH, Map.of()));
        assertEquals(PergolaException.VALIDATION, e.code());
    }

    @Test
    public void includesReachOtherTemplatesPartsInTheSameLanguageButNothingElse() throws IOException {
        engine.catalog().add(new DirectoryTemplateFiles("parts", folder.newFolder("parts").toPath())
                .with("test.footer", "text.ftl", "unused")
                .with("test.footer", "footer.ftl", "-- the team")
                .with("test.footer", "footer_es.ftl", "-- el equipo")
                .with("test.signed", "subject.ftl", "x")
                .with("test.signed", "text.ftl", "Hi\n<#include \"/test.footer/footer.ftl\">")
                .with("test.escape", "subject.ftl", "x")
                .with("test.escape", "text.ftl", "<#include \"../../../../etc/passwd\">"));
        assertEquals("Hi\n-- el equipo", render("test.signed", new Locale("es"), Map.of()).text());
        PergolaException e = assertThrows(PergolaException.class, () -> render("test.escape", Locale.ENGLISH, Map.of()));
        assertEquals(PergolaException.VALIDATION, e.code());
    }

    @Test
    public void aBadRecipientIsAValidationError() {
        PergolaException e = assertThrows(PergolaException.class, () -> engine.render(new TemplatedMail(
                "test.plain", "nobody", Locale.ENGLISH, Map.of("name", "Ana"), null), Locale.ENGLISH));
        assertEquals(PergolaException.VALIDATION, e.code());
    }
}
