package dev.pergola.metrics.internal.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import dev.pergola.api.metrics.Counter;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.metrics.Timer;
import io.micrometer.core.instrument.Gauge;

/**
 * {@link Meters} for one bundle: DS makes an instance per using bundle (bundle scope) and deactivates it when that
 * bundle releases the service, which removes the meters it registered (unless another bundle still holds them).
 */
@Component(service = Meters.class, scope = ServiceScope.BUNDLE)
public final class BundleMeters implements Meters {
    private final PlatformRegistry platform;
    private final Set<MeterKey> held = ConcurrentHashMap.newKeySet();

    @Activate
    public BundleMeters(@Reference PlatformRegistry platform) {
        this.platform = platform;
    }

    @Override
    public Counter counter(String name, String description, String... tags) {
        MeterKey key = MeterKey.of(name, tags);
        return new CounterView(platform.hold(key, io.micrometer.core.instrument.Counter.class, held,
                r -> io.micrometer.core.instrument.Counter.builder(name).description(description).tags(key.tags())
                        .register(r)));
    }

    @Override
    public Timer timer(String name, String description, String... tags) {
        MeterKey key = MeterKey.of(name, tags);
        return new TimerView(platform.hold(key, io.micrometer.core.instrument.Timer.class, held,
                r -> TimerView.builder(name, description, key.tags()).register(r)));
    }

    @Override
    public void gauge(String name, String description, DoubleSupplier value, String... tags) {
        MeterKey key = MeterKey.of(name, tags);
        if (value == null) {
            throw new IllegalArgumentException("gauge " + name + " needs a value supplier");
        }
        platform.hold(key, Gauge.class, held, r -> Gauge.builder(name, () -> readSafely(value))
                .description(description).tags(key.tags()).strongReference(true).register(r));
    }

    /** A gauge never breaks a scrape: a supplier that throws reads as "no value now". */
    private static double readSafely(DoubleSupplier value) {
        try {
            return value.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Deactivate
    void release() {
        held.forEach(platform::release);
        held.clear();
    }
}
