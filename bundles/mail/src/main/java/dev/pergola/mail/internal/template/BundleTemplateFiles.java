package dev.pergola.mail.internal.template;

import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;

import dev.pergola.api.mail.MailTemplates;

/** The templates of one bundle: the sub-folders of the folder its {@value MailTemplates#HEADER} header names. */
final class BundleTemplateFiles implements TemplateFiles {
    private final Bundle bundle;
    private final String folder;

    private BundleTemplateFiles(Bundle bundle, String folder) {
        this.bundle = bundle;
        this.folder = folder;
    }

    /** @return the bundle's templates, or null when it has no header */
    static BundleTemplateFiles of(Bundle bundle) {
        String header = bundle.getHeaders("").get(MailTemplates.HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        String folder = header.trim().replaceAll("^/+", "").replaceAll("/+$", "");
        return new BundleTemplateFiles(bundle, folder.isEmpty() ? "" : folder + "/");
    }

    @Override
    public String owner() {
        return bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]";
    }

    @Override
    public Set<String> templateNames() {
        Set<String> names = new TreeSet<>();
        // the bundle's own entries (not its class path): the folder is a resource path inside the jar
        Enumeration<String> paths = bundle.getEntryPaths(folder.isEmpty() ? "/" : folder);
        for (String path : paths == null ? Collections.<String>emptyList() : Collections.list(paths)) {
            if (path.endsWith("/")) {
                String name = path.substring(folder.length(), path.length() - 1);
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public URL file(String template, String fileName) {
        return bundle.getEntry(folder + template + "/" + fileName);
    }
}
