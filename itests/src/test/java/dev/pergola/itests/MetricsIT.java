package dev.pergola.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.pergola.api.metrics.MetricValues;
import dev.pergola.api.metrics.Meters;
import dev.pergola.api.metrics.Statistic;

/** Meters, their values and the Prometheus text of the assembled distribution (Micrometer embedded in the bundle). */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetricsIT {
    @Inject
    private BundleContext context;

    @Inject
    private MetricValues values;

    @Configuration
    public Option[] config() {
        return PergolaExam.distribution();
    }

    @Test
    public void metersOfABundleAreReadAndRemovedWhenItReleasesThem() {
        ServiceReference<Meters> ref = context.getServiceReference(Meters.class);
        Meters meters = context.getService(ref);
        meters.counter("itest.things", "Things the test did", "kind", "probe").increment(3);
        meters.timer("itest.work", "Work the test timed").record(40, TimeUnit.MILLISECONDS);
        assertEquals(3.0, values.value("itest.things", Statistic.VALUE, Map.of("kind", "probe")).getAsDouble(), 0);
        assertEquals(1, values.histogram("itest.work", Map.of()).orElseThrow().count());
        context.ungetService(ref);
        assertTrue(values.value("itest.things", Statistic.VALUE, Map.of()).isEmpty());
        assertTrue(values.histogram("itest.work", Map.of()).isEmpty());
    }

    @Test
    public void jvmAndProcessMetersAreThere() {
        assertTrue(values.value("jvm.memory.used", Statistic.VALUE, Map.of("area", "heap")).getAsDouble() > 1e6);
        assertTrue(values.value("jvm.threads.live", Statistic.VALUE, Map.of()).getAsDouble() > 10);
        assertTrue(values.value("jvm.classes.loaded", Statistic.VALUE, Map.of()).getAsDouble() > 1000);
        assertTrue(values.value("process.start.time", Statistic.VALUE, Map.of()).getAsDouble() > 1.7e9);
        assertTrue(values.value("process.cpu.usage", Statistic.VALUE, Map.of()).isPresent());
        assertTrue(values.list().stream().anyMatch(m -> m.name().equals("jvm.memory.max") && m.type().equals("gauge")));
    }
}
