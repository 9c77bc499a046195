package dev.pergola.backup.internal.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pergola.api.errors.PergolaException;

/**
 * What a backup file is called: {@code pergola-backup-20261130-031500[-2][-scheduled].zip[.enc]}. Names are always
 * generated; a name given by a caller is accepted only when it has exactly this shape, so it can never hold a path
 * separator, {@code ..} or anything else that could leave the backup folder.
 */
public final class BackupNames {
    /** The kinds of backup that the name records (the plain one has no suffix). */
    public enum Kind {
        MANUAL(""), SCHEDULED("-scheduled"), SAFETY("-safety"), IMPORTED("-imported");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final Pattern NAME = Pattern.compile(
            "pergola-backup-(\\d{8})-(\\d{6})(?:-(\\d{1,3}))?(-scheduled|-safety|-imported)?\\.zip(\\.enc)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private BackupNames() {
    }

    /** A new name for a backup made at {@code now}, not {@code taken} yet (a counter is added within one second). */
    public static String generate(Instant now, Kind kind, boolean encrypted, Predicate<String> taken) {
        String base = "pergola-backup-" + STAMP.format(now);
        String ext = encrypted ? ".zip.enc" : ".zip";
        String name = base + kind.suffix + ext;
        for (int n = 2; taken.test(name); n++) {
            if (n > 999) {
                throw PergolaException.conflict("Too many backups in one second");
            }
            name = base + "-" + n + kind.suffix + ext;
        }
        return name;
    }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @throws PergolaException VALIDATION_ERROR (422) for anything that is not a generated backup name
     */
    public static String require(String name) {
        if (!valid(name)) {
            String problem = "is not a backup file name (pergola-backup-YYYYMMDD-HHMMSS.zip[.enc])";
            throw new PergolaException(PergolaException.VALIDATION, "'" + name + "' " + problem,
                    java.util.Map.of("name", java.util.List.of(problem)), java.util.Map.of());
        }
        return name;
    }

    public static boolean encrypted(String name) {
        return name.endsWith(".enc");
    }

    public static Kind kind(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || m.group(4) == null) {
            return Kind.MANUAL;
        }
        return Kind.valueOf(m.group(4).substring(1).toUpperCase(Locale.ROOT));
    }

    /** When the backup was started, as its name says (UTC, to the second). */
    public static Optional<Instant> stamp(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(PARSE.parse(m.group(1) + m.group(2))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
