package dev.pergola.logs.internal.service;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.karaf.log.core.Level;
import org.apache.karaf.log.core.LogService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.audit.AuditTrail;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.events.EventTypes;

/**
 * Run-time logger levels through Karaf's {@link LogService} (the same as {@code log:set}: it rewrites
 * {@code etc/org.ops4j.pax.logging.cfg}, so a level survives a restart). Each change is audited
 * ({@code log.level_changed}).
 */
@Component(service = LogLevels.class)
public class LogLevels {
    public static final String ROOT = "ROOT";
    /** Logger names are dotted Java-ish names; anything else is refused before it reaches the configuration file. */
    private static final Pattern LOGGER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*(\\.[A-Za-z_$][A-Za-z0-9_$-]*)*");
    private static final int LOGGER_MAX = 200;

    /** One logger and its level. */
    public record LoggerLevel(String logger, String level) {
    }

    private final LogService karaf;
    private final AuditTrail audit;

    @Activate
    public LogLevels(@Reference LogService karaf, @Reference AuditTrail audit) {
        this.karaf = karaf;
        this.audit = audit;
    }

    /** Every logger with a configured level, {@code ROOT} first. */
    public Map<String, String> all() {
        Map<String, String> levels = new TreeMap<>((a, b) -> ROOT.equals(a) ? (ROOT.equals(b) ? 0 : -1)
                : ROOT.equals(b) ? 1 : a.compareTo(b));
        levels.putAll(karaf.getLevel("ALL"));
        return levels;
    }

    /** The level that applies to {@code logger} (its own, else its nearest configured ancestor's). */
    public LoggerLevel of(String logger) {
        String name = validLogger(logger);
        Map<String, String> levels = karaf.getLevel(name);
        return new LoggerLevel(name, levels.isEmpty() ? karaf.getLevel() : levels.values().iterator().next());
    }

    /** {@code DEFAULT} removes the logger's own level (it inherits again; not for ROOT). */
    public LoggerLevel set(String logger, String level) {
        String name = validLogger(logger);
        String wanted = level == null ? "" : level.strip().toUpperCase(java.util.Locale.ROOT);
        if (!isLevel(wanted) || (ROOT.equals(name) && "DEFAULT".equals(wanted))) {
            throw PergolaException.invalid("level", "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF"
                    + (ROOT.equals(name) ? "" : ", DEFAULT (inherit again)"));
        }
        String previous = of(name).level();
        karaf.setLevel(name, wanted);
        audit.record(AuditEntry.of(EventTypes.LOG_LEVEL_CHANGED).withTarget("logger", name, name)
                .withDetail("logger", name).withDetail("level", wanted).withDetail("previous", previous));
        return "DEFAULT".equals(wanted) ? of(name) : new LoggerLevel(name, wanted);
    }

    static String validLogger(String logger) {
        String name = logger == null ? "" : logger.strip();
        if (name.equalsIgnoreCase(ROOT)) {
            return ROOT;
        }
        if (name.isEmpty() || name.length() > LOGGER_MAX || !LOGGER.matcher(name).matches()) {
            throw PergolaException.invalid("logger", "a logger name such as dev.pergola.mail, or ROOT");
        }
        return name;
    }

    private static boolean isLevel(String s) {
        if (s.equals("FATAL")) {
            return false; // Karaf accepts it, but our store has no such level: ERROR covers it
        }
        for (String l : Level.strings()) {
            if (l.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
