package dev.pergola.backup.internal;

/** One check of a verification or a restore. */
public record CheckResult(String name, boolean passed, String detail) {
}
