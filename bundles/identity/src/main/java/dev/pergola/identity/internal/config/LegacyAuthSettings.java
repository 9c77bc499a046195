package dev.pergola.identity.internal.config;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.identity.internal.account.AccountsConfig;
import dev.pergola.identity.internal.account.PasswordResets;
import dev.pergola.identity.internal.account.ResetsConfig;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.session.Sessions;
import dev.pergola.identity.internal.session.SessionsConfig;
import dev.pergola.identity.internal.throttle.LoginThrottle;
import dev.pergola.identity.internal.throttle.ThrottleConfig;
import dev.pergola.identity.internal.token.AccessTokens;
import dev.pergola.identity.internal.token.TokensConfig;

/**
 * Keeps {@code etc/dev.pergola.auth.cfg} working. Every authentication setting used to live under that one PID, so
 * any edit restarted the whole authentication graph; each owning component now has its own PID. This copies the
 * old file's settings to the PID that owns each one whenever the old configuration appears or changes (while the old
 * file exists, the settings it names win); the owners apply them through their {@code @Modified} methods.
 */
@Component(immediate = true, configurationPid = LegacyAuthSettings.LEGACY_PID)
public class LegacyAuthSettings {
    public static final String LEGACY_PID = "dev.pergola.auth";
    private static final Logger LOG = LoggerFactory.getLogger(LegacyAuthSettings.class);
    /** New PID → the typed configuration whose attributes it holds. */
    static final Map<String, Class<?>> OWNERS = Map.of(
            AccessTokens.PID, TokensConfig.class,
            Sessions.PID, SessionsConfig.class,
            LoginThrottle.PID, ThrottleConfig.class,
            UserDirectory.PID, AccountsConfig.class,
            PasswordResets.PID, ResetsConfig.class);

    private final ConfigurationAdmin configurations;

    @Activate
    public LegacyAuthSettings(@Reference ConfigurationAdmin configurations, Map<String, Object> legacy) {
        this.configurations = configurations;
        copy(legacy);
    }

    @Modified
    void copy(Map<String, Object> legacy) {
        for (Map.Entry<String, Class<?>> owner : OWNERS.entrySet()) {
            Hashtable<String, Object> moved = new Hashtable<>();
            for (String key : keysOf(owner.getValue())) {
                Object value = legacy.get(key);
                if (value != null) {
                    moved.put(key, value);
                }
            }
            if (!moved.isEmpty()) {
                merge(owner.getKey(), moved);
            }
        }
    }

    private void merge(String pid, Hashtable<String, Object> moved) {
        try {
            Configuration target = configurations.getConfiguration(pid, "?");
            Dictionary<String, Object> current = target.getProperties();
            Hashtable<String, Object> merged = new Hashtable<>();
            if (current != null) {
                for (String key : Collections.list(current.keys())) {
                    merged.put(key, current.get(key));
                }
            }
            merged.putAll(moved);
            if (target.updateIfDifferent(merged)) {
                LOG.info("Settings of {} moved to {} (from etc/{}.cfg)", moved.keySet(), pid, LEGACY_PID);
            }
        } catch (IOException e) {
            LOG.error("Cannot move the settings {} of {} to {}", moved.keySet(), LEGACY_PID, pid, e);
        }
    }

    /** The property names of a typed configuration: DS maps {@code _} in a method name to {@code .}. */
    static List<String> keysOf(Class<?> config) {
        return java.util.Arrays.stream(config.getDeclaredMethods()).map(Method::getName).map(n -> n.replace('_', '.'))
                .sorted().toList();
    }
}
