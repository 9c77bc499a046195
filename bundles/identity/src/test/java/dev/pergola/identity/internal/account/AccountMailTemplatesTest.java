package dev.pergola.identity.internal.account;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.mail.MailTemplates;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;

/**
 * The mails this bundle ships, rendered with FreeMarker as the mail bundle configures it (localized lookup,
 * {@code .ftlh} escaped), with the models the code sends: every part exists in every language, reads only values the
 * code gives, and the translations are translations.
 */
public class AccountMailTemplatesTest {
    private static final Path FOLDER = Paths.get("src/main/resources/mail-templates");
    private static final Map<String, Map<String, Object>> MODELS = Map.of(
            MailTemplates.PASSWORD_RESET, Map.of("username", "ana", "minutes", 60L, "link",
                    "https://pergola.example/admin/reset-password?token=abc&x=1"),
            MailTemplates.ACCOUNT_LOCKED, Map.of("username", "ana", "until", "2026-11-30 03:15", "sign_in_url",
                    "https://pergola.example/admin/"),
            MailTemplates.WELCOME, Map.of("username", "ana", "name", "<Ana>", "created_by", "root", "sign_in_url",
                    "https://pergola.example/admin/"));
    private static final String[] LANGUAGES = {"", "_es"};

    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_33);

    public AccountMailTemplatesTest() throws Exception {
        freemarker.setDirectoryForTemplateLoading(new File(FOLDER.toString()));
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLocalizedLookup(false); // each language's file itself, never a fallback
    }

    @Test
    public void everyMailHasEveryPartInEnglishAndSpanishAndRendersWithTheModelTheCodeSends() throws Exception {
        for (Map.Entry<String, Map<String, Object>> mail : MODELS.entrySet()) {
            for (String part : new String[] {"subject", "text", "html"}) {
                String english = render(mail.getKey(), part, "", mail.getValue());
                String spanish = render(mail.getKey(), part, "_es", mail.getValue());
                assertNotEquals(mail.getKey() + " " + part + " is translated", english, spanish);
                for (String rendered : new String[] {english, spanish}) {
                    assertFalse(rendered, rendered.isBlank());
                    if (part.equals("subject")) {
                        assertFalse("one line: " + rendered, rendered.strip().contains("\n"));
                    }
                    if (part.equals("html")) {
                        assertFalse("values are escaped: " + rendered, rendered.contains("<Ana>") || rendered.contains("&x=1"));
                    }
                }
            }
        }
    }

    @Test
    public void eachFolderHoldsOnlyTheKnownPartsAndLanguages() throws Exception {
        for (String template : MODELS.keySet()) {
            try (var files = Files.list(FOLDER.resolve(template))) {
                files.map(f -> f.getFileName().toString()).forEach(name -> assertTrue(template + "/" + name,
                        name.matches("(subject|text)(_es)?\\.ftl|html(_es)?\\.ftlh")));
            }
        }
    }

    private String render(String template, String part, String language, Map<String, Object> model) throws Exception {
        String file = template + "/" + part + language + (part.equals("html") ? ".ftlh" : ".ftl");
        StringWriter out = new StringWriter();
        freemarker.getTemplate(file, language.isEmpty() ? Locale.ENGLISH : new Locale("es")).process(model, out);
        return out.toString();
    }
}
