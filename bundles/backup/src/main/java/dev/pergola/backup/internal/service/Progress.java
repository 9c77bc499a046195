package dev.pergola.backup.internal.service;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A running create, verify, restore or import of one backup file: percent and step, read by REST, the shell's
 * progress bar and (on every whole-percent change) posted as {@code backup.progress}.
 */
public final class Progress {
    public enum Status { RUNNING, DONE, FAILED }

    private final String filename;
    private final String operation;
    private final Instant startedAt;
    private final Consumer<Progress> onChange;
    private volatile int percent;
    private volatile String step = "starting";
    private volatile Status status = Status.RUNNING;
    private volatile String error;

    public Progress(String filename, String operation, Instant startedAt, Consumer<Progress> onChange) {
        this.filename = filename;
        this.operation = operation;
        this.startedAt = startedAt;
        this.onChange = onChange;
    }

    /** Moves to {@code step}; announced at once. */
    public void step(String what) {
        step = what;
        onChange.accept(this);
    }

    /** {@code done} of {@code total} units of the part spanning {@code from}..{@code to} percent. */
    public void advance(int from, int to, long done, long total) {
        int p = total <= 0 ? to : from + (int) Math.min(to - from, (to - from) * done / total);
        set(p);
    }

    public void set(int p) {
        int clamped = Math.max(0, Math.min(100, p));
        if (clamped > percent) {
            percent = clamped;
            onChange.accept(this);
        }
    }

    public void done() {
        status = Status.DONE;
        percent = 100;
        step = "done";
        onChange.accept(this);
    }

    public void failed(String why) {
        error = why;
        status = Status.FAILED;
        step = "failed";
        onChange.accept(this);
    }

    public String filename() {
        return filename;
    }

    public String operation() {
        return operation;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public int percent() {
        return percent;
    }

    public String step() {
        return step;
    }

    public Status status() {
        return status;
    }

    public String error() {
        return error;
    }
}
