package dev.pergola.alerts.internal.notify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.alerts.internal.Fakes;
import dev.pergola.alerts.internal.rule.AlertRule;
import dev.pergola.alerts.internal.rule.Channels;
import dev.pergola.alerts.internal.store.AlertDto;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;

/**
 * The bundle's templates render in English and Spanish for each kind of mail, with the model {@link AlertMails}
 * builds, under FreeMarker settings like the mail bundle's (strict: a missing value fails); HTML escapes values.
 */
public class AlertMailTemplatesTest {
    private static final AlertRule RULE = new AlertRule("r1", "Queue <deep>", "Orders are waiting", "metric:itest.queue",
            Map.of(), "value", ">", 10, 0, "critical", true,
            new Channels(List.of("ops@example.test", "dev@example.test"), List.of()), 60, null, null);
    private static final AlertDto ALERT = new AlertDto("a1", "r1", RULE.name(), "critical", RULE.metricType(), ">", 10,
            "triggered", 12.5, Instant.parse("2026-11-30T06:00:00Z"), null, null, null,
            Instant.parse("2026-11-30T06:00:00Z"), 0, null);

    private static String render(String file, AlertMails.Kind kind) throws Exception {
        Configuration freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setRecognizeStandardFileExtensions(true);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setClassForTemplateLoading(AlertMailTemplatesTest.class, "/mail-templates/" + AlertMails.TEMPLATE);
        StringWriter out = new StringWriter();
        freemarker.getTemplate(file).process(AlertMails.model(kind, RULE, ALERT), out);
        return out.toString();
    }

    @Test
    public void everyKindRendersInBothLanguages() throws Exception {
        for (AlertMails.Kind kind : AlertMails.Kind.values()) {
            for (String file : List.of("subject.ftl", "subject_es.ftl", "text.ftl", "text_es.ftl", "html.ftlh",
                    "html_es.ftlh")) {
                String text = render(file, kind);
                assertTrue(file + " " + kind, text.contains(file.endsWith(".ftlh") ? "metric:itest.queue &gt; 10"
                        : "metric:itest.queue > 10"));
            }
        }
        assertTrue(render("subject.ftl", AlertMails.Kind.TRIGGERED).startsWith("[CRITICAL] Queue <deep>"));
        assertTrue(render("subject.ftl", AlertMails.Kind.RESOLVED).startsWith("[Resolved]"));
        assertTrue(render("subject_es.ftl", AlertMails.Kind.REMINDER).startsWith("[Recordatorio]"));
        assertTrue(render("text.ftl", AlertMails.Kind.TRIGGERED).contains("alert:ack a1"));
        assertFalse(render("text.ftl", AlertMails.Kind.RESOLVED).contains("alert:ack"));
        String html = render("html.ftlh", AlertMails.Kind.TRIGGERED);
        assertTrue(html.contains("Queue &lt;deep&gt;"));
        assertFalse(html.contains("<deep>"));
    }

    @Test
    public void oneMailPerAddress() {
        Fakes.Mails mails = new Fakes.Mails();
        assertEquals(2, new AlertMails(mails).send(AlertMails.Kind.TRIGGERED, RULE, ALERT));
        assertEquals(List.of("ops@example.test:triggered", "dev@example.test:triggered"), mails.kinds());
        assertEquals(AlertMails.TEMPLATE, mails.sent.get(0).template());
        assertEquals("12.5", mails.sent.get(0).model().get("value"));
    }
}
