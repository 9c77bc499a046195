package dev.pergola.audit.internal.query;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code verify} found: {@code first_broken} is the first chain position that does not hold (a record edited,
 * deleted or out of place), written as {@code null} when the chain is whole.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VerifyReport(boolean valid, long checked, Long firstBroken) {
}
