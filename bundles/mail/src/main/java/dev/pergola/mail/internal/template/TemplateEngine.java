package dev.pergola.mail.internal.template;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.TemplatedMail;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;

/**
 * Renders a {@link TemplatedMail} from the {@link TemplateCatalog} with FreeMarker: {@code subject.ftl} (one line),
 * {@code text.ftl} (required), {@code html.ftlh} (optional, HTML output format: every {@code ${value}} is escaped).
 * FreeMarker's localized lookup gives the fallback es_MX → es → the unsuffixed (English) file.
 */
final class TemplateEngine {
    static final String SUBJECT = "subject.ftl";
    static final String TEXT = "text.ftl";
    static final String HTML = "html.ftlh";

    private final Configuration freemarker;
    private final TemplateCatalog catalog;

    TemplateEngine() {
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocalizedLookup(true);
        freemarker.setRecognizeStandardFileExtensions(true); // .ftlh → HTML auto-escaping
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
        // a template reads the model; it does not instantiate classes or reach Java APIs
        freemarker.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        freemarker.setAPIBuiltinEnabled(false);
        freemarker.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE); // the catalog says when files change
        catalog = new TemplateCatalog(freemarker::clearTemplateCache);
        freemarker.setTemplateLoader(new CatalogTemplateLoader(catalog));
    }

    TemplateCatalog catalog() {
        return catalog;
    }

    /**
     * @throws PergolaException RESOURCE_NOT_FOUND for an unknown template, VALIDATION_ERROR when it does not render
     */
    MailMessage render(TemplatedMail mail, Locale locale) {
        if (!catalog.contains(mail.template())) {
            throw PergolaException.notFound("No email template named '" + mail.template() + "'");
        }
        String subject = render(mail, SUBJECT, locale, true).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        String text = render(mail, TEXT, locale, true);
        String html = render(mail, HTML, locale, false);
        try {
            return new MailMessage(mail.to(), subject, text, html, mail.category());
        } catch (IllegalArgumentException e) {
            throw PergolaException.invalid("to", e.getMessage());
        }
    }

    private String render(TemplatedMail mail, String file, Locale locale, boolean required) {
        String name = mail.template() + "/" + file;
        Template template;
        try {
            template = freemarker.getTemplate(name, locale, null, "UTF-8", true, !required);
        } catch (TemplateNotFoundException e) {
            throw PergolaException.invalid("template", "'" + mail.template() + "' has no " + file);
        } catch (ParseException e) {
            throw PergolaException.invalid("template", "'" + name + "' does not parse: " + e.getEditorMessage()
                    + " (line " + e.getLineNumber() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("Could not read '" + name + "'", e);
        }
        if (template == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try {
            template.process(mail.model(), out);
        } catch (TemplateException e) {
            String where = e.getBlamedExpressionString() == null ? "" : " (line " + e.getLineNumber() + ": "
                    + e.getBlamedExpressionString() + ")";
            throw PergolaException.invalid("model", "'" + name + "' does not render: " + firstLine(e) + where);
        } catch (IOException e) {
            throw new IllegalStateException("Could not render '" + name + "'", e);
        }
        return out.toString();
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
