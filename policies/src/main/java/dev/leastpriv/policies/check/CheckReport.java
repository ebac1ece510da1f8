package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link PolicyCheck}: coverage per requirement, lint findings, and over-grants. It passes when every
 * requirement is allowed and no finding reaches the failing severity (by default a security warning).
 */
public record CheckReport(
        ImmutableList<Coverage> coverage, ImmutableList<Finding> findings, ImmutableList<OverGrant> overGrants) {

    public CheckReport {
        coverage = ImmutableList.copyOf(checkNotNull(coverage, "coverage"));
        findings = ImmutableList.copyOf(checkNotNull(findings, "findings"));
        overGrants = ImmutableList.copyOf(checkNotNull(overGrants, "overGrants"));
    }

    /**
     * {@return whether every requirement is allowed and no finding is an error or a security warning} The default
     * of {@link #passed(Severity)}, so that an administrator policy ({@code "Action": "*"}) never passes.
     */
    public boolean passed() {
        return passed(Severity.SECURITY_WARNING);
    }

    /**
     * {@return whether every requirement is allowed and no finding is at {@code failOn} or more severe} A null
     * {@code failOn} lets findings never fail the check; missing requirements always do.
     */
    public boolean passed(@Nullable Severity failOn) {
        return coverage.stream().allMatch(Coverage::isAllowed)
                && (failOn == null
                        || findings.stream().noneMatch(f -> f.severity().compareTo(failOn) <= 0));
    }

    /** {@return the requirements that are not allowed} */
    public ImmutableList<Coverage> missing() {
        return coverage.stream().filter(c -> !c.isAllowed()).collect(ImmutableList.toImmutableList());
    }
}
