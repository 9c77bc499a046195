package dev.pergola.mail.internal.template;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;

import freemarker.cache.TemplateLoader;

/**
 * Gives FreeMarker the files of the catalog: {@code <template>/<file>}, e.g. {@code auth.welcome/html_es.ftlh}.
 * FreeMarker asks for the localized names itself ({@code text_es_MX.ftl}, {@code text_es.ftl}, {@code text.ftl}).
 */
final class CatalogTemplateLoader implements TemplateLoader {
    /** One file; equal by its name and URL text (URL.equals may resolve host names). */
    private record Source(String name, URL url) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Source s && s.name.equals(name) && s.url.toExternalForm().equals(url.toExternalForm());
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    private final TemplateCatalog catalog;

    CatalogTemplateLoader(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Object findTemplateSource(String name) {
        int slash = name.indexOf('/');
        if (slash <= 0 || slash != name.lastIndexOf('/')) {
            return null; // only <template>/<file>: an include of anything else finds nothing
        }
        URL url = catalog.file(name.substring(0, slash), name.substring(slash + 1));
        return url == null ? null : new Source(name, url);
    }

    /** Unknown: the renderer clears FreeMarker's cache whenever the catalog changes instead. */
    @Override
    public long getLastModified(Object source) {
        return -1;
    }

    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
        return new InputStreamReader(((Source) source).url().openStream(), encoding);
    }

    @Override
    public void closeTemplateSource(Object source) {
        // nothing held open between calls
    }
}
