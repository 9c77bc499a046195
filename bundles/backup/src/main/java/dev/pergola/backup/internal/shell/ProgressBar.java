package dev.pergola.backup.internal.shell;

import java.io.PrintStream;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.pergola.backup.internal.service.Backups;
import dev.pergola.backup.internal.service.Progress;

/** Draws {@code [#####.....]  50% table users} on one line while an operation on a backup runs. */
final class ProgressBar {
    static final int WIDTH = 30;

    private ProgressBar() {
    }

    static String line(int percent, String step) {
        int filled = WIDTH * Math.max(0, Math.min(100, percent)) / 100;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent) + " "
                + (step == null ? "" : step);
    }

    /** Redraws the bar until {@code work} is done; returns its result or rethrows its failure. */
    static <T> T follow(Backups backups, String name, Future<T> work, PrintStream out) throws Exception {
        String last = "";
        while (true) {
            try {
                T result = work.get(250, TimeUnit.MILLISECONDS);
                out.print("\r" + pad(line(100, "done"), last.length()) + "\n");
                return result;
            } catch (TimeoutException e) {
                Progress p = backups.progress(name).orElse(null);
                if (p != null) {
                    String now = line(p.percent(), p.step());
                    out.print("\r" + pad(now, last.length()));
                    out.flush();
                    last = now;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                out.println();
                throw e.getCause() instanceof Exception x ? x : e;
            }
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
