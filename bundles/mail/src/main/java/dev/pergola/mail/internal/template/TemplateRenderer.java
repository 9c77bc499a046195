package dev.pergola.mail.internal.template;

import java.util.List;
import java.util.Locale;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.MailTemplates;
import dev.pergola.api.mail.TemplatedMail;

/**
 * The email-template extender and renderer: templates of a bundle with the {@value MailTemplates#HEADER} header
 * exist while it is active (starting included, so a bundle's components can send from their activation), and
 * {@link #render} turns a {@link TemplatedMail} into the {@link MailMessage} the outbox stores.
 */
@Component(service = TemplateRenderer.class, configurationPid = TemplateRenderer.PID)
@Designate(ocd = TemplatesConfig.class)
public class TemplateRenderer implements BundleTrackerCustomizer<TemplateFiles> {
    public static final String PID = "dev.pergola.mail.templates";
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRenderer.class);

    private final TemplateEngine engine = new TemplateEngine();
    private final BundleTracker<TemplateFiles> tracker;
    private volatile Locale defaultLocale;

    @Activate
    public TemplateRenderer(BundleContext context, TemplatesConfig config) {
        configure(config);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open(); // last: the tracker calls back into this object at once for the bundles already started
    }

    @Modified
    void configure(TemplatesConfig config) {
        defaultLocale = Locales.parse(config.default_locale(), Locale.ENGLISH);
    }

    @Deactivate
    void close() {
        tracker.close();
    }

    /** @see dev.pergola.api.mail.Mailer#send(TemplatedMail) for the failures */
    public MailMessage render(TemplatedMail mail) {
        return engine.render(mail, Locales.forLookup(mail.locale() == null ? defaultLocale : mail.locale()));
    }

    @Override
    public TemplateFiles addingBundle(Bundle bundle, BundleEvent event) {
        BundleTemplateFiles files = BundleTemplateFiles.of(bundle);
        if (files == null) {
            return null;
        }
        List<String> names = engine.catalog().add(files);
        LOG.info("Mail templates of {}: {}", files.owner(), names);
        return files;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, TemplateFiles files) {
        // STARTING → ACTIVE: same files
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, TemplateFiles files) {
        engine.catalog().remove(files);
        LOG.debug("Mail templates of {} withdrawn", files.owner());
    }
}
