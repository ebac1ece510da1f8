package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * What a preflight found for one principal: coverage per requirement, and what the simulation could not see. It
 * passes only when every requirement is allowed; a requirement that depends on unknown context keys makes it
 * inconclusive, never a pass.
 */
public record PreflightReport(
        ResolvedPrincipal principal, String mode, ImmutableList<Coverage> coverage, ImmutableList<String> caveats) {

    public PreflightReport {
        checkNotNull(principal, "principal");
        checkNotNull(mode, "mode");
        coverage = ImmutableList.copyOf(coverage);
        caveats = ImmutableList.copyOf(caveats);
    }

    /** {@return whether every requirement is allowed} */
    public boolean passed() {
        return coverage.stream().allMatch(Coverage::isAllowed);
    }

    /** {@return whether some requirement could not be decided (unknown context keys) and none is plainly missing} */
    public boolean inconclusive() {
        return !passed() && coverage.stream().filter(c -> !c.isAllowed()).allMatch(Coverage::isUnknown);
    }
}
