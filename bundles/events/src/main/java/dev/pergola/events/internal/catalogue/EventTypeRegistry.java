package dev.pergola.events.internal.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.events.EventCatalogue;
import dev.pergola.api.events.EventType;
import dev.pergola.api.events.EventTypeProvider;

/**
 * The whole catalogue: the platform's types ({@link EventCatalogue#CORE}) and those plugins describe with an
 * {@link EventTypeProvider} service, as they come and go. A plugin cannot redefine a core type (nor its permission):
 * the core entry wins.
 */
@Component(service = EventTypeRegistry.class)
public class EventTypeRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeRegistry.class);

    private final Map<ServiceReference<EventTypeProvider>, EventTypeProvider> providers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ServiceReference<EventTypeProvider> reference, EventTypeProvider provider) {
        providers.put(reference, provider);
    }

    void removeProvider(ServiceReference<EventTypeProvider> reference) {
        providers.remove(reference);
    }

    /** Core types first, in catalogue order, then each plugin's. */
    public List<EventTypeView> all() {
        Map<String, EventTypeView> types = new LinkedHashMap<>();
        EventCatalogue.CORE.forEach(t -> types.put(t.name(), EventTypeView.of(t, EventTypeView.CORE)));
        providers.forEach((reference, provider) -> {
            Bundle bundle = reference.getBundle();
            String source = bundle == null ? "unknown" : bundle.getSymbolicName();
            for (EventType type : declared(provider, source)) {
                types.putIfAbsent(type.name(), EventTypeView.of(type, source));
            }
        });
        return new ArrayList<>(types.values());
    }

    /** What a caller must hold to receive an event of {@code type}. */
    public String permissionFor(String type) {
        if (EventCatalogue.find(type).isPresent()) {
            return EventCatalogue.permissionFor(type);
        }
        for (Map.Entry<ServiceReference<EventTypeProvider>, EventTypeProvider> e : providers.entrySet()) {
            for (EventType declared : declared(e.getValue(), String.valueOf(e.getKey().getBundle()))) {
                if (declared.name().equals(type) && declared.permission() != null && !declared.permission().isBlank()) {
                    return declared.permission();
                }
            }
        }
        return EventCatalogue.permissionFor(type);
    }

    /** A provider that throws or returns null lists nothing (and says so), rather than breaking the catalogue. */
    private static List<EventType> declared(EventTypeProvider provider, String source) {
        try {
            List<EventType> types = provider.eventTypes();
            return types == null ? List.of() : types.stream().filter(t -> t != null && t.name() != null).toList();
        } catch (RuntimeException e) {
            LOG.warn("The event types of {} could not be read", source, e);
            return List.of();
        }
    }
}
