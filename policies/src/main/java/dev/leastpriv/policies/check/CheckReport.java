package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * The result of {@link PolicyCheck}: coverage per requirement, lint findings, and over-grants. It passes when every
 * requirement is allowed and there is no error finding.
 */
public record CheckReport(
        ImmutableList<Coverage> coverage, ImmutableList<Finding> findings, ImmutableList<OverGrant> overGrants) {

    public CheckReport {
        coverage = ImmutableList.copyOf(checkNotNull(coverage, "coverage"));
        findings = ImmutableList.copyOf(checkNotNull(findings, "findings"));
        overGrants = ImmutableList.copyOf(checkNotNull(overGrants, "overGrants"));
    }

    /** {@return whether every requirement is allowed and no finding is an error} */
    public boolean passed() {
        return coverage.stream().allMatch(Coverage::isAllowed)
                && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    /** {@return the requirements that are not allowed} */
    public ImmutableList<Coverage> missing() {
        return coverage.stream().filter(c -> !c.isAllowed()).collect(ImmutableList.toImmutableList());
    }
}
