package dev.pergola.identity.internal.account;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.events.EventTypes;
import dev.pergola.api.events.PergolaEvent;

/**
 * Tells the owner of an account that the login protection locked it. Listens to the {@code auth.locked} event
 * (posted once, after its audit record is sealed, on the node that sealed it) rather than being called by the
 * throttle: logins never wait for, or depend on, the mail capability. Locks of a client address, and of names
 * that are no active account with an email, send nothing.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + LockedAccountMail.TOPIC)
public class LockedAccountMail implements EventHandler {
    static final String TOPIC = "dev/pergola/auth/locked";
    private static final Logger LOG = LoggerFactory.getLogger(LockedAccountMail.class);

    private final Accounts accounts;
    private final AccountMails mails;

    @Activate
    public LockedAccountMail(@Reference Accounts accounts, @Reference AccountMails mails) {
        this.accounts = accounts;
        this.mails = mails;
    }

    @Override
    public void handleEvent(Event event) {
        PergolaEvent locked = PergolaEvent.fromProperties(event::getProperty);
        Map<String, Object> data = locked.data();
        if (!EventTypes.AUTH_LOCKED.equals(locked.type()) || !"account".equals(data.get("scope"))
                || !(data.get("username") instanceof String login)) {
            return;
        }
        accounts.findByLogin(login).filter(UserDto::isActive)
                .ifPresent(user -> mails.locked(user, until(data.get("until"))));
    }

    private static Instant until(Object value) {
        try {
            return value instanceof String s ? Instant.parse(s) : null;
        } catch (DateTimeParseException e) {
            LOG.debug("auth.locked event with an unreadable 'until': {}", value);
            return null;
        }
    }
}
