package dev.pergola.backup.internal.format;

import java.io.IOException;
import java.util.regex.Pattern;

/** What may be named in a backup: entry names never escape their folder when written back to disk. */
final class EntryNames {
    private static final Pattern TABLE = Pattern.compile("[a-z0-9_$][a-z0-9_$.\\-]{0,127}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@+=,~\\-][A-Za-z0-9_@+=,~.\\- ]{0,254}");

    private EntryNames() {
    }

    static boolean isTableName(String name) {
        return TABLE.matcher(name).matches();
    }

    /** A relative path of plain segments: no "..", no absolute path, no backslash or drive letter. */
    static boolean isFilePath(String path) {
        if (path == null || path.isEmpty() || path.length() > 1024) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static void checkFilePath(String path) throws IOException {
        if (!isFilePath(path)) {
            throw new IOException("Not a safe relative path for a backup file: " + path);
        }
    }
}
