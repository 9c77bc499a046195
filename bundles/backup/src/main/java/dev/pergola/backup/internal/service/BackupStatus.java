package dev.pergola.backup.internal.service;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.pergola.api.errors.PergolaException;
import dev.pergola.backup.internal.BackupDto;
import dev.pergola.backup.internal.ManifestSummary;
import dev.pergola.backup.internal.store.BackupFolder;
import dev.pergola.backup.internal.store.BackupNames;

/**
 * What this node knows about each backup beyond its file: the operation running on it (or the create that failed)
 * and its manifest summary once it has been written or verified here.
 */
final class BackupStatus {
    private final Map<String, Progress> operations = new ConcurrentHashMap<>();
    private final Map<String, ManifestSummary> summaries = new ConcurrentHashMap<>();

    /** Starts tracking an operation on {@code name}. @throws PergolaException CONFLICT when one already runs */
    Progress track(String name, String operation, java.time.Instant now, Consumer<Progress> announce) {
        Progress p = new Progress(name, operation, now, announce);
        Progress earlier = operations.putIfAbsent(name, p);
        if (earlier != null) {
            if (earlier.status() == Progress.Status.RUNNING) {
                throw PergolaException.conflict("The backup " + name + " is busy: " + earlier.operation());
            }
            operations.put(name, p);
        }
        return p;
    }

    Optional<Progress> progress(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    boolean busy(String name) {
        Progress p = operations.get(name);
        return p != null && p.status() == Progress.Status.RUNNING;
    }

    boolean known(String name) {
        return operations.containsKey(name);
    }

    /** The operation ended and the file (if any) tells the rest. */
    void finished(String name) {
        operations.remove(name);
    }

    void summary(String name, ManifestSummary summary) {
        summaries.put(name, summary);
    }

    void forget(String name) {
        operations.remove(name);
        summaries.remove(name);
    }

    /** Complete backups, then the ones running or failed, newest first. */
    List<BackupDto> list(BackupFolder folder) {
        List<BackupDto> all = new ArrayList<>();
        for (String name : folder.names()) {
            all.add(describe(folder, name));
        }
        operations.values().stream().filter(p -> !folder.exists(p.filename())).forEach(p -> all.add(running(p)));
        all.sort(Comparator.comparing(BackupDto::filename).reversed());
        return all;
    }

    /** @throws PergolaException 422 for a bad name, 404 when there is no such backup */
    BackupDto get(BackupFolder folder, String name) {
        if (Files.isRegularFile(folder.resolve(name))) {
            return describe(folder, name);
        }
        return progress(name).map(BackupStatus::running)
                .orElseThrow(() -> PergolaException.notFound("No backup " + name));
    }

    /** A complete backup; while it is being verified or restored, that operation's progress. */
    BackupDto describe(BackupFolder folder, String name) {
        Progress p = operations.get(name);
        boolean busy = p != null && p.status() == Progress.Status.RUNNING;
        return new BackupDto(name, busy ? BackupDto.RUNNING : BackupDto.READY, busy ? p.percent() : 100,
                busy ? p.operation() + ": " + p.step() : null, size(folder, name), BackupNames.stamp(name).orElse(null),
                BackupNames.encrypted(name), BackupNames.kind(name).label(), summaries.get(name), null);
    }

    static long size(BackupFolder folder, String name) {
        try {
            return Files.size(folder.resolve(name));
        } catch (IOException e) {
            return 0;
        }
    }

    private static BackupDto running(Progress p) {
        String status = p.status() == Progress.Status.FAILED ? BackupDto.FAILED : BackupDto.RUNNING;
        return new BackupDto(p.filename(), status, p.percent(), p.step(), null, p.startedAt(),
                BackupNames.encrypted(p.filename()), BackupNames.kind(p.filename()).label(), null, p.error());
    }
}
