package dev.pergola.metrics.internal.registry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The one meter registry of the node (Micrometer's Prometheus registry, embedded in this bundle) with the JVM and
 * process binders. Meters that bundles register through {@code Meters} are counted per holder, so a meter two bundles
 * share stays until the last of them lets it go.
 */
@Component(service = PlatformRegistry.class, immediate = true)
public final class PlatformRegistry {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<MeterKey, Held> held = new ConcurrentHashMap<>();

    private record Held(Meter meter, int holders) {
    }

    @Activate
    public PlatformRegistry() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition format 0.0.4 of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The same text, streamed (a scrape with hundreds of routes is never held twice in memory). */
    public void scrape(java.io.Writer out) throws java.io.IOException {
        registry.scrape(out);
    }

    /**
     * Registers (or finds) the meter of {@code key} for a holder that did not hold it yet ({@code holderKeys} is the
     * holder's own set). Registration and counting happen under the key's lock, so a release never races a hold.
     */
    public <M extends Meter> M hold(MeterKey key, Class<M> type, Set<MeterKey> holderKeys,
            Function<MeterRegistry, M> register) {
        Held now = held.compute(key, (k, before) -> {
            if (before == null) {
                return new Held(register.apply(registry), 1);
            }
            return holderKeys.contains(k) ? before : new Held(before.meter(), before.holders() + 1);
        });
        holderKeys.add(key);
        if (!type.isInstance(now.meter())) {
            throw new IllegalArgumentException(key.name() + " " + key.tags() + " is already registered as another type");
        }
        return type.cast(now.meter());
    }

    /** One holder lets {@code key} go; the last one removes the meter from the registry (and from the scrape). */
    public void release(MeterKey key) {
        held.computeIfPresent(key, (k, before) -> {
            if (before.holders() > 1) {
                return new Held(before.meter(), before.holders() - 1);
            }
            registry.remove(before.meter());
            return null;
        });
    }

    @Deactivate
    void close() {
        gc.close();
        registry.close();
    }
}
