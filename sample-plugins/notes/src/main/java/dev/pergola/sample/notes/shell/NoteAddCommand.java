package dev.pergola.sample.notes.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.pergola.sample.notes.NewNote;
import dev.pergola.sample.notes.NoteDto;
import dev.pergola.sample.notes.service.Notes;

/**
 * {@code notes:add <title> <body>}. A refused note throws the service's {@code PergolaException}: Karaf prints its
 * message and {@code bin/client} exits non-zero, so scripts see the failure.
 */
@Service
@Command(scope = "notes", name = "add", description = "Adds a note")
public class NoteAddCommand implements Action {
    @Argument(index = 0, name = "title", required = true, description = "Unique title, at most 200 characters")
    String title;

    @Argument(index = 1, name = "body", required = true, description = "The note's text")
    String body;

    @Reference
    Notes notes;

    @Override
    public Object execute() {
        NoteDto note = notes.create(ShellActor.name(), new NewNote(title, body));
        System.out.println("Created note " + note.id() + " (" + note.title() + ")");
        return null;
    }
}
