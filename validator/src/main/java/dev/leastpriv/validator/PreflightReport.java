package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.check.Coverage;

/**
 * What a preflight found for one principal: coverage per requirement, the trust-policy probes (empty when no trusted
 * SaaS principal was named), what the check could not see, and how many {@code SimulatePrincipalPolicy} requests it
 * took (0 in fetch mode). It passes only when every requirement passes and every probe decides as it should; a
 * requirement the check could not decide makes it inconclusive, never a pass.
 */
public record PreflightReport(
        ResolvedPrincipal principal,
        Preflight.Mode mode,
        ImmutableList<Coverage> coverage,
        ImmutableList<TrustResult> trust,
        ImmutableList<String> caveats,
        int simulationRequests) {

    public PreflightReport {
        checkNotNull(principal, "principal");
        checkNotNull(mode, "mode");
        coverage = ImmutableList.copyOf(coverage);
        trust = ImmutableList.copyOf(trust);
        caveats = ImmutableList.copyOf(caveats);
        checkArgument(simulationRequests >= 0, "simulationRequests must not be negative");
    }

    /** {@return whether every requirement passed} */
    public boolean passed() {
        return coverage.stream().allMatch(Coverage::isAllowed) && trust.stream().allMatch(TrustResult::ok);
    }

    /** {@return whether some requirement is definitely missing or denied, or the trust policy is wrong} */
    public boolean denied() {
        return coverage.stream().anyMatch(c -> c.verdict().isDenial())
                || trust.stream().anyMatch(t -> !t.ok());
    }

    /** {@return whether the check could not decide some requirement and found none definitely denied} */
    public boolean inconclusive() {
        return !passed() && !denied();
    }
}
