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

/**
 * The framework side of plugins: bundles installed under the location {@code pergola-plugin:<slug>}, started
 * transiently (the desired state lives in the database, so after a restart nothing starts before the
 * reconciler says so), and refreshed only within their own dependency closure.
 */
@Component(service = PluginBundles.class)
public class PluginBundles {
    public static final String LOCATION_PREFIX = "pergola-plugin:";
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

    public static boolean isPlugin(Bundle bundle) {
        return bundle.getLocation().startsWith(LOCATION_PREFIX);
    }

    public static String slugOf(Bundle bundle) {
        return bundle.getLocation().substring(LOCATION_PREFIX.length());
    }

    public Optional<Bundle> find(String slug) {
        return Optional.ofNullable(context.getBundle(LOCATION_PREFIX + slug));
    }

    public List<Bundle> pluginBundles() {
        List<Bundle> plugins = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (isPlugin(b)) {
                plugins.add(b);
            }
        }
        return plugins;
    }

    public Optional<Bundle> bySymbolicName(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    public Bundle install(String slug, Path artifact) throws BundleException {
        try (InputStream in = Files.newInputStream(artifact)) {
            return context.installBundle(LOCATION_PREFIX + slug, in);
        } catch (java.io.IOException e) {
            throw new BundleException("Cannot read " + artifact + ": " + e.getMessage(), e);
        }
    }

    /**
     * Resolves the bundle, or says what is missing. Nothing else is started or refreshed.
     * @return empty when resolved, else the unmet requirements in words
     */
    public Optional<String> resolve(Bundle bundle) {
        if (wiring().resolveBundles(Set.of(bundle))) {
            return Optional.empty();
        }
        List<String> missing = requirements(bundle).stream().filter(r -> !r.met())
                .map(r -> r.namespace() + " " + r.filter()).toList();
        return Optional.of(missing.isEmpty()
                ? "it cannot be resolved (a bundle providing what it needs cannot be resolved itself)"
                : "missing requirement " + String.join(", ", missing));
    }

    /** Every mandatory requirement the bundle declares, with its provider when it is wired. */
    public List<Requirement> requirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        List<Requirement> result = new ArrayList<>();
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
        return result;
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
    public Set<Bundle> dependants(Bundle bundle) {
        Set<Bundle> result = new LinkedHashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getProvidedWires(null)) {
                Bundle requirer = wire.getRequirer().getBundle();
                if (!requirer.equals(bundle) && isPlugin(requirer)) {
                    result.add(requirer);
                }
            }
        }
        return result;
    }

    /** Plugin bundles this one is wired to (it needs them). */
    public Set<Bundle> providers(Bundle bundle) {
        Set<Bundle> result = new LinkedHashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                Bundle provider = wire.getProvider().getBundle();
                if (!provider.equals(bundle) && isPlugin(provider)) {
                    result.add(provider);
                }
            }
        }
        return result;
    }

    /** The bundles a refresh of these would stop and start again (the bundles themselves included). */
    public Collection<Bundle> refreshClosure(Collection<Bundle> bundles) {
        return wiring().getDependencyClosure(bundles);
    }

    /** Core bundles a refresh of these would restart: must be none for any plugin operation. */
    public List<String> coreBundlesRestartedBy(Collection<Bundle> bundles) {
        return refreshClosure(bundles).stream().filter(b -> !isPlugin(b) && b.getState() != Bundle.UNINSTALLED)
                .map(b -> b.getSymbolicName() + " [" + b.getBundleId() + "]").toList();
    }

    /** Refreshes the bundles (and only their dependency closure) and waits until the framework is done. */
    public void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(bundles, event -> done.countDown());
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
            bundle.start(Bundle.START_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
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

    public void stop(Bundle bundle) throws BundleException {
        if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
            bundle.stop(Bundle.STOP_TRANSIENT);
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
    public List<String> failedComponents(Bundle bundle) {
        List<String> failed = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    failed.add(d.name + ": " + Failures.rootCause(c.failure));
                }
            }
        }
        return failed;
    }

    /** Components as "name: state", for details. */
    public List<Map<String, Object>> components(Bundle bundle) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                result.add(Map.of("name", d.name, "state", stateName(c.state),
                        "failure", c.failure == null ? "" : Failures.rootCause(c.failure)));
            }
        }
        return result;
    }

    /** True when no enabled component of the bundle is still on its way (activating or not yet configured). */
    private boolean settled(Bundle bundle) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(bundle)) {
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

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
