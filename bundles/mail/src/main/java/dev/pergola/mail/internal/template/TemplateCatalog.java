package dev.pergola.mail.internal.template;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every template name known right now and who ships it. The first contributor of a name keeps it: a second one is
 * refused and logged (a plugin cannot replace the platform's reset mail). {@code onChange} runs after every change,
 * so rendered-template caches never outlive the files they came from.
 */
final class TemplateCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalog.class);
    /** Names are folder names and become template paths: no separators, no dot-dot, nothing to escape. */
    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9_-]|\\.(?!\\.)){0,99}");

    private final Map<String, TemplateFiles> byName = new ConcurrentHashMap<>();
    private final Runnable onChange;

    TemplateCatalog(Runnable onChange) {
        this.onChange = onChange;
    }

    /** Adds what {@code files} ships. @return the names it now owns (refused and malformed ones left out) */
    synchronized List<String> add(TemplateFiles files) {
        List<String> claimed = new ArrayList<>();
        for (String name : files.templateNames()) {
            if (!NAME.matcher(name).matches()) {
                LOG.warn("Mail template folder '{}' of {} ignored: a name is lower-case letters, digits, '.', '-'"
                        + " and '_'", name, files.owner());
                continue;
            }
            TemplateFiles owner = byName.putIfAbsent(name, files);
            if (owner != null && owner != files) {
                LOG.warn("Mail template '{}' of {} refused: {} already ships it", name, files.owner(), owner.owner());
            } else if (files.file(name, TemplateEngine.TEXT) == null) {
                byName.remove(name, files);
                LOG.warn("Mail template '{}' of {} ignored: it has no {}", name, files.owner(), TemplateEngine.TEXT);
            } else {
                claimed.add(name);
            }
        }
        onChange.run();
        return claimed;
    }

    /** Forgets every template {@code files} owns. */
    synchronized void remove(TemplateFiles files) {
        byName.values().removeIf(owner -> owner == files);
        onChange.run();
    }

    /** @return the file of a template, or null when the template or that file does not exist */
    URL file(String template, String fileName) {
        TemplateFiles owner = byName.get(template);
        return owner == null ? null : owner.file(template, fileName);
    }

    boolean contains(String template) {
        return byName.containsKey(template);
    }

    /** The owner of a template, for messages; null when unknown. */
    String owner(String template) {
        TemplateFiles owner = byName.get(template);
        return owner == null ? null : owner.owner();
    }

    Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
