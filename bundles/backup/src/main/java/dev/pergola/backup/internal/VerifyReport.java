package dev.pergola.backup.internal;

import java.util.List;

/** The answer of a verification: {@code valid} when every check passed. */
public record VerifyReport(String filename, boolean valid, List<CheckResult> checks, ManifestSummary manifest) {
    public static VerifyReport of(String filename, List<CheckResult> checks, ManifestSummary manifest) {
        return new VerifyReport(filename, checks.stream().allMatch(CheckResult::passed), List.copyOf(checks), manifest);
    }
}
