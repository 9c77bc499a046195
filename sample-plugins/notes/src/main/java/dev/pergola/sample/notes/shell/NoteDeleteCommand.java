package dev.pergola.sample.notes.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.sample.notes.service.Notes;

/** {@code notes:delete <id>}; an unknown id throws RESOURCE_NOT_FOUND (the command fails). */
@Service
@Command(scope = "notes", name = "delete", description = "Deletes a note")
public class NoteDeleteCommand implements Action {
    @Argument(index = 0, name = "id", required = true, description = "The note's id (Tab completes)")
    @Completion(NoteIdCompleter.class)
    String id;

    @Reference
    Notes notes;

    @Override
    public Object execute() {
        notes.delete(id);
        System.out.println("Deleted note " + id);
        return null;
    }
}
