package dev.pergola.plugins.internal.framework;

/** Turns exceptions and SCR stack traces into the one line a plugin's admin needs: the root cause. */
public final class Failures {
    private Failures() {
    }

    /** The innermost cause, as {@code SimpleName: message}. */
    public static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** SCR reports a whole stack trace; the last "Caused by" (or the first line) is the cause. */
    public static String rootCause(String stackTrace) {
        if (stackTrace == null || stackTrace.isBlank()) {
            return "unknown error";
        }
        String cause = stackTrace.lines().findFirst().orElse(stackTrace);
        for (String line : stackTrace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return simplify(cause.strip());
    }

    /** {@code java.lang.IllegalStateException: x} → {@code IllegalStateException: x}. */
    static String simplify(String line) {
        int colon = line.indexOf(':');
        String type = colon < 0 ? line : line.substring(0, colon);
        if (type.contains(" ") || !type.contains(".")) {
            return line;
        }
        return type.substring(type.lastIndexOf('.') + 1) + (colon < 0 ? "" : line.substring(colon));
    }
}
