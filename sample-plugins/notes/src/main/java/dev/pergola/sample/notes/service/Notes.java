package dev.pergola.sample.notes.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.pergola.api.audit.AuditEntry;
import dev.pergola.api.errors.PergolaException;
import dev.pergola.api.query.ListQuery;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.PageResult;
import dev.pergola.sample.notes.NewNote;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.NoteEvents;
import dev.pergola.sample.notes.store.NoteStore;

/**
 * The notes rules, shared by REST, the shell and the health check: what a valid note is, how many may exist, and
 * the audit record of every change (which the store writes in the change's transaction, and which the platform
 * announces as the event once committed). Speaks records and {@link PergolaException}, never HTTP.
 */
@Component(service = Notes.class, configurationPid = NotesConfig.PID)
@Designate(ocd = NotesConfig.class)
public class Notes {
    static final int MAX_TITLE = 200;

    private final NoteStore store;
    private volatile NotesConfig config;

    /** How full the notebook is. */
    public record Usage(long notes, int maxNotes) {
    }

    @Activate
    public Notes(@Reference NoteStore store, NotesConfig config) {
        this.store = store;
        this.config = config;
    }

    /** A changed limit applies to the next request; nothing is restarted. */
    @Modified
    void configure(NotesConfig changed) {
        this.config = changed;
    }

    /** The fields lists may page, sort, filter and search on. */
    public ListSpec listSpec() {
        return NoteStore.LIST;
    }

    public PageResult<NoteDto> list(ListQuery query) {
        return store.list(query);
    }

    /** @throws PergolaException RESOURCE_NOT_FOUND */
    public NoteDto get(String id) {
        return store.find(id).orElseThrow(() -> PergolaException.notFound("No note " + id));
    }

    /** @throws PergolaException VALIDATION_ERROR naming each bad field, CONFLICT for a taken title or a full notebook */
    public NoteDto create(String actor, NewNote input) {
        NotesConfig limits = config;
        validate(input, limits);
        String title = input.title().strip();
        if (store.findByTitle(title).isPresent()) {
            throw PergolaException.conflict("A note titled '" + title + "' exists already");
        }
        if (store.count() >= limits.max_notes()) {
            throw PergolaException.conflict("The notebook is full (" + limits.max_notes() + " notes); delete some first");
        }
        NoteDto note = new NoteDto(UUID.randomUUID().toString(), title, input.body(), actor,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            store.insert(note, record(NoteEvents.CREATED, note).withAfter(note));
        } catch (PersistenceException raced) { // the unique title, taken between the check and the insert
            throw PergolaException.conflict("A note titled '" + title + "' exists already");
        }
        return note;
    }

    /** @throws PergolaException RESOURCE_NOT_FOUND */
    public void delete(String id) {
        NoteDto note = get(id);
        if (!store.delete(id, record(NoteEvents.DELETED, note).withBefore(note))) {
            throw PergolaException.notFound("No note " + id);
        }
    }

    public Usage usage() {
        return new Usage(store.count(), config.max_notes());
    }

    private static void validate(NewNote input, NotesConfig limits) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String title = input == null || input.title() == null ? "" : input.title().strip();
        if (title.isEmpty()) {
            problems.put("title", List.of("is required"));
        } else if (title.length() > MAX_TITLE) {
            problems.put("title", List.of("at most " + MAX_TITLE + " characters"));
        }
        String body = input == null ? null : input.body();
        if (body == null || body.isBlank()) {
            problems.put("body", List.of("is required"));
        } else if (body.length() > limits.max_body_length()) {
            problems.put("body", List.of("at most " + limits.max_body_length() + " characters"));
        }
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
    }

    /**
     * The audit record of a change to {@code note}. Who acted, through which channel and from where is left to the
     * origin the platform bound to this thread (the REST caller, the shell operator), so it is not repeated here.
     */
    private static AuditEntry record(String type, NoteDto note) {
        return AuditEntry.of(type).withTarget(NoteEvents.TARGET, note.id(), note.title());
    }
}
