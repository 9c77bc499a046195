package dev.pergola.plugins.internal.framework;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.pergola.api.plugins.PluginBundle;
import dev.pergola.plugins.internal.artifact.KarContents;

/**
 * The framework side of plugins: bundles installed under the location {@code pergola-plugin:<slug>}, started
 * transiently (the desired state lives in the database, so after a restart nothing starts before the
 * reconciler says so), and refreshed only within their own dependency closure.
 */
@Component(service = PluginBundles.class)
public class PluginBundles {
    public static final String LOCATION_PREFIX = PluginBundle.LOCATION_PREFIX;
    /** Names that are not bundles but that the platform keys its own records by (the core permissions' source). */
    static final Set<String> RESERVED_NAMES = Set.of("core");
    private static final long SETTLE_POLL_MS = 50;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    /** One declared requirement of a plugin and whether something in the framework offers it. */
    public record Requirement(String namespace, String filter, boolean met, String provider) {
    }

    @Activate
    public PluginBundles(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** A plugin's bundle or library, by the one definition in the API ({@link PluginBundle}). */
    public static boolean isPlugin(Bundle bundle) {
        return PluginBundle.isPluginBundle(bundle);
    }

    /** The slug of a plugin's bundle; a KAR plugin's libraries live at {@code pergola-plugin:<slug>/<name>}. */
    public static String slugOf(Bundle bundle) {
        return PluginBundle.pluginOf(bundle).orElseThrow(() -> new IllegalArgumentException(bundle + " is not a plugin bundle"));
    }

    /** The plugin's bundles: its main bundle first, then the libraries it came with (a KAR plugin). */
    public List<Bundle> members(Bundle main) {
        List<Bundle> members = new ArrayList<>();
        members.add(main);
        if (main.getLocation().startsWith(LOCATION_PREFIX)) {
            String libraries = main.getLocation() + "/";
            for (Bundle b : context.getBundles()) {
                if (b.getLocation().startsWith(libraries)) {
                    members.add(b);
                }
            }
        }
        return members;
    }

    private List<Bundle> members(Collection<Bundle> mains) {
        List<Bundle> all = new ArrayList<>();
        mains.forEach(m -> all.addAll(members(m)));
        return all;
    }

    public Optional<Bundle> find(String slug) {
        return Optional.ofNullable(context.getBundle(LOCATION_PREFIX + slug));
    }

    /** The bundles this manager installed (plugins and their libraries; not plugins installed some other way). */
    public List<Bundle> pluginBundles() {
        List<Bundle> plugins = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(LOCATION_PREFIX)) {
                plugins.add(b);
            }
        }
        return plugins;
    }

    /**
     * The first of these symbolic names that belongs to the platform: a non-plugin bundle's (in any state), or a
     * name the platform uses as its own permission source. Permissions, configuration and events are keyed by
     * symbolic name, so a plugin taking such a name would act on the platform's records (uninstalling it deleted
     * the core permissions).
     * @return the name with whose it is, when one clashes
     */
    public Optional<String> coreNameClash(Collection<String> symbolicNames) {
        return coreNameClash(symbolicNames, context.getBundles());
    }

    static Optional<String> coreNameClash(Collection<String> symbolicNames, Bundle[] installed) {
        for (String name : symbolicNames) {
            if (RESERVED_NAMES.contains(name)) {
                return Optional.of(name + " (the platform's own permission source)");
            }
            for (Bundle b : installed) {
                if (!isPlugin(b) && name.equals(b.getSymbolicName())) {
                    return Optional.of(name + " (core bundle " + b.getBundleId() + ")");
                }
            }
        }
        return Optional.empty();
    }

    public Optional<Bundle> bySymbolicName(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * Installs the artifact's bundles (a jar: one; a KAR: its main bundle and libraries) and returns the main
     * one. A failure part-way uninstalls what this call installed.
     */
    public Bundle install(String slug, Path artifact) throws BundleException {
        if (!KarContents.isKar(artifact)) {
            Bundle bundle;
            try (InputStream in = Files.newInputStream(artifact)) {
                bundle = context.installBundle(LOCATION_PREFIX + slug, in);
            } catch (java.io.IOException e) {
                throw new BundleException("Cannot read " + artifact + ": " + e.getMessage(), e);
            }
            refuseCoreName(List.of(bundle));
            return bundle;
        }
        List<Bundle> installed = new ArrayList<>();
        Bundle main = null;
        try {
            for (KarContents.Member m : KarContents.members(artifact)) {
                String location = LOCATION_PREFIX + slug + (m.isPluginMain() ? "" : "/" + m.symbolicName());
                try (InputStream in = KarContents.open(artifact, m.entry())) {
                    Bundle b = context.installBundle(location, in);
                    installed.add(b);
                    main = m.isPluginMain() ? b : main;
                    if (!m.symbolicName().equals(b.getSymbolicName())) {
                        throw new BundleException(m.entry() + " was read as " + m.symbolicName()
                                + " but the framework sees " + b.getSymbolicName());
                    }
                }
            }
            refuseCoreName(installed);
        } catch (BundleException | java.io.IOException | RuntimeException e) {
            for (Bundle b : installed) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException ignored) {
                    // best effort (or already uninstalled): the original failure is the one to report
                }
            }
            throw e instanceof BundleException be ? be : new BundleException("Cannot install " + artifact + ": " + e.getMessage(), e);
        }
        return main;
    }

    /** Framework-level backstop of the validation: whatever path installed them, plugin bundles never take core names. */
    private void refuseCoreName(List<Bundle> installed) throws BundleException {
        Optional<String> clash = coreNameClash(installed.stream().map(Bundle::getSymbolicName).toList());
        if (clash.isPresent()) {
            for (Bundle b : installed) {
                try {
                    b.uninstall();
                } catch (BundleException | IllegalStateException ignored) {
                    // the refusal below is what matters
                }
            }
            throw new BundleException("the symbolic name " + clash.get() + " belongs to the platform");
        }
    }

    /** Stops and uninstalls the plugin's bundles (not refreshed: the caller refreshes). */
    public void uninstall(Bundle main) {
        List<Bundle> all = members(main);
        stopQuietly(main);
        for (Bundle b : all) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException e) {
                // already gone, or refused: the refresh that follows settles the framework either way
            }
        }
    }

    /** Uninstalls the plugin's bundles and refreshes them away. */
    public void discard(Bundle main) {
        List<Bundle> all = members(main);
        uninstall(main);
        refresh(all);
    }

    /**
     * Puts new content in place: a plain jar replaces the bundle's content (same bundle id); a KAR, or a plugin
     * that came with libraries, is uninstalled and installed afresh. Refreshes what changed; returns the main bundle.
     */
    public Bundle replaceContent(Bundle main, Path artifact) throws BundleException {
        stopQuietly(main);
        if (!KarContents.isKar(artifact) && members(main).size() == 1) {
            try (InputStream in = Files.newInputStream(artifact)) {
                main.update(in);
            } catch (java.io.IOException e) {
                throw new BundleException("Cannot read " + artifact + ": " + e.getMessage(), e);
            }
            refresh(List.of(main));
            return main;
        }
        String slug = slugOf(main);
        List<Bundle> old = members(main);
        uninstall(main);
        refresh(old);
        return install(slug, artifact);
    }

    /**
     * Resolves the bundle, or says what is missing. Nothing else is started or refreshed.
     * @return empty when resolved, else the unmet requirements in words
     */
    public Optional<String> resolve(Bundle bundle) {
        if (wiring().resolveBundles(members(bundle))) {
            return Optional.empty();
        }
        List<String> missing = requirements(bundle).stream().filter(r -> !r.met())
                .map(r -> r.namespace() + " " + r.filter()).toList();
        return Optional.of(missing.isEmpty()
                ? "it cannot be resolved (a bundle providing what it needs cannot be resolved itself)"
                : "missing requirement " + String.join(", ", missing));
    }

    /**
     * Resolves these plugins and their libraries in one go, so plugins that need each other resolve whatever order
     * they were installed in. What cannot resolve stays installed (its start says why).
     */
    public void resolveTogether(Collection<Bundle> mains) {
        if (!mains.isEmpty()) {
            wiring().resolveBundles(members(mains));
        }
    }

    /** Every mandatory requirement the bundle declares, with its provider when it is wired. */
    public List<Requirement> requirements(Bundle main) {
        List<Requirement> result = new ArrayList<>();
        for (Bundle bundle : members(main)) {
            requirements(bundle, result);
        }
        return result;
    }

    private void requirements(Bundle bundle, List<Requirement> result) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return;
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        for (BundleRequirement req : revision.getDeclaredRequirements(null)) {
            Map<String, String> directives = req.getDirectives();
            if ("optional".equals(directives.get("resolution"))
                    || (directives.containsKey("effective") && !"resolve".equals(directives.get("effective")))
                    || req.getNamespace().equals("osgi.wiring.host")) {
                continue;
            }
            String filter = directives.getOrDefault("filter", "");
            String provider = wiring == null ? null : wiring.getRequiredWires(req.getNamespace()).stream()
                    .filter(w -> w.getRequirement().equals(req)).findFirst()
                    .map(w -> w.getProvider().getBundle().getSymbolicName()).orElse(null);
            boolean met = provider != null || offered(req, filter);
            result.add(new Requirement(req.getNamespace(), filter, met, provider));
        }
    }

    private boolean offered(BundleRequirement req, String filter) {
        org.osgi.framework.Filter f;
        try {
            f = filter.isEmpty() ? null : FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Bundle b : context.getBundles()) {
            BundleRevision r = b.adapt(BundleRevision.class);
            if (r == null || b.getState() == Bundle.UNINSTALLED || b.equals(req.getRevision().getBundle())) {
                continue;
            }
            for (BundleCapability cap : r.getDeclaredCapabilities(req.getNamespace())) {
                if (f == null || f.matches(cap.getAttributes())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Plugin bundles wired to capabilities of this one (they need it). */
    public Set<Bundle> dependants(Bundle main) {
        Set<Bundle> result = new LinkedHashSet<>();
        for (Bundle bundle : members(main)) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getProvidedWires(null)) {
                    Bundle requirer = wire.getRequirer().getBundle();
                    if (isPlugin(requirer) && !slugOf(requirer).equals(slugOf(main))) {
                        find(slugOf(requirer)).ifPresent(result::add);
                    }
                }
            }
        }
        return result;
    }

    /** Plugin bundles this one is wired to (it needs them). */
    public Set<Bundle> providers(Bundle main) {
        Set<Bundle> result = new LinkedHashSet<>();
        for (Bundle bundle : members(main)) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring != null) {
                for (BundleWire wire : wiring.getRequiredWires(null)) {
                    Bundle provider = wire.getProvider().getBundle();
                    if (isPlugin(provider) && !slugOf(provider).equals(slugOf(main))) {
                        find(slugOf(provider)).ifPresent(result::add);
                    }
                }
            }
        }
        return result;
    }

    /** The bundles a refresh of these would stop and start again (the bundles themselves included). */
    public Collection<Bundle> refreshClosure(Collection<Bundle> bundles) {
        return wiring().getDependencyClosure(members(bundles));
    }

    /** Core bundles a refresh of these would restart: must be none for any plugin operation. */
    public List<String> coreBundlesRestartedBy(Collection<Bundle> bundles) {
        return refreshClosure(bundles).stream().filter(b -> !isPlugin(b) && b.getState() != Bundle.UNINSTALLED)
                .map(b -> b.getSymbolicName() + " [" + b.getBundleId() + "]").toList();
    }

    /** Refreshes the bundles (and only their dependency closure) and waits until the framework is done. */
    public void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        List<Bundle> all = new ArrayList<>();
        for (Bundle b : bundles) {
            all.addAll(b.getState() == Bundle.UNINSTALLED ? List.of(b) : members(b));
        }
        wiring().refreshBundles(all, event -> done.countDown());
        try {
            if (!done.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The framework did not finish refreshing " + bundles + " within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while refreshing", e);
        }
    }

    /**
     * Starts the bundle transiently, then waits up to {@code settleMillis} for its components: an exception in
     * the bundle's start or in a component's activation is a failure, and the bundle is stopped again.
     */
    public void start(Bundle bundle, long settleMillis) throws PluginStartException {
        Optional<String> unresolved = bundle.getState() == Bundle.INSTALLED ? resolve(bundle) : Optional.empty();
        if (unresolved.isPresent()) {
            throw new PluginStartException("cannot resolve: " + unresolved.get());
        }
        try {
            List<Bundle> members = members(bundle);
            for (Bundle library : members.subList(1, members.size())) {
                if (library.getHeaders("").get(org.osgi.framework.Constants.FRAGMENT_HOST) == null) {
                    library.start(Bundle.START_TRANSIENT);
                }
            }
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            stopQuietly(bundle);
            throw new PluginStartException(Failures.rootCause(e));
        }
        long deadline = System.currentTimeMillis() + settleMillis;
        while (true) {
            List<String> failed = failedComponents(bundle);
            if (!failed.isEmpty()) {
                stopQuietly(bundle);
                throw new PluginStartException(String.join("; ", failed));
            }
            if (settled(bundle) || System.currentTimeMillis() >= deadline) {
                return;
            }
            try {
                Thread.sleep(SETTLE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the main bundle, then its libraries. */
    public void stop(Bundle main) throws BundleException {
        for (Bundle bundle : members(main)) {
            if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
                bundle.stop(Bundle.STOP_TRANSIENT);
            }
        }
    }

    public void stopQuietly(Bundle bundle) {
        try {
            stop(bundle);
        } catch (BundleException | IllegalStateException e) {
            // stopping after a failed start: the failure being reported is the start's
        }
    }

    /** Components of the bundle whose activation threw, as "name: root cause". */
    public List<String> failedComponents(Bundle main) {
        List<String> failed = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(members(main).toArray(new Bundle[0]))) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed.add(d.name + ": " + Failures.rootCause(c.failure));
                }
            }
        }
        return failed;
    }

    /** Components as "name: state", for details. */
    public List<Map<String, Object>> components(Bundle main) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(members(main).toArray(new Bundle[0]))) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                result.add(Map.of("name", d.name, "state", stateName(c.state),
                        "failure", c.failure == null ? "" : Failures.rootCause(c.failure)));
            }
        }
        return result;
    }

    /** True when no enabled component of the bundle is still on its way (activating or not yet configured). */
    private boolean settled(Bundle bundle) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(members(bundle).toArray(new Bundle[0]))) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            if (scr.getComponentConfigurationDTOs(d).isEmpty() && d.configurationPolicy.equals("ignore")) {
                return false;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                        || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                    return false;
                }
            }
        }
        return bundle.getState() == Bundle.ACTIVE;
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied_reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied_configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed_activation";
            default -> "state_" + state;
        };
    }

    /** True once the framework has begun to stop (bin/stop, SIGTERM). */
    public boolean frameworkStopping() {
        return context.getBundle(0).getState() == Bundle.STOPPING;
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
