package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.policies.PolicyPacking;
import dev.leastpriv.policies.PolicyRenderer;
import dev.leastpriv.policies.PolicyRequest;
import dev.leastpriv.policies.PolicySet;
import dev.leastpriv.policies.RenderedPolicy;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.RequirementSet;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.Verdict;
import java.util.Optional;

/**
 * What a preflight found for one principal: coverage per requirement, the trust-policy probes (empty when no trusted
 * SaaS principal was named), grants far wider than a connector needs ({@link ExcessGrant}), what the check could not
 * see, and how many {@code SimulatePrincipalPolicy} requests it
 * took (0 in fetch mode). It passes only when every requirement passes and every probe decides as it should; a
 * requirement the check could not decide makes it inconclusive, never a pass.
 */
public record PreflightReport(
        ResolvedPrincipal principal,
        Preflight.Mode mode,
        ImmutableList<Coverage> coverage,
        ImmutableList<TrustResult> trust,
        ImmutableList<ExcessGrant> excess,
        ImmutableList<String> caveats,
        int simulationRequests) {

    public PreflightReport {
        checkNotNull(principal, "principal");
        checkNotNull(mode, "mode");
        coverage = ImmutableList.copyOf(coverage);
        trust = ImmutableList.copyOf(trust);
        excess = ImmutableList.copyOf(excess);
        caveats = ImmutableList.copyOf(caveats);
        checkArgument(simulationRequests >= 0, "simulationRequests must not be negative");
    }

    /** {@return whether every requirement passed, every trust probe is right and nothing is granted in excess} */
    public boolean passed() {
        return coverage.stream().allMatch(Coverage::isAllowed)
                && trust.stream().allMatch(TrustResult::ok)
                && excess.isEmpty();
    }

    /**
     * {@return whether some requirement is definitely missing or denied, the trust policy is wrong, or the role is
     * granted far more than a connector needs (an {@link ExcessGrant}: a finding, exit 1)}
     */
    public boolean denied() {
        return coverage.stream().anyMatch(c -> c.verdict().isDenial())
                || trust.stream().anyMatch(t -> !t.ok())
                || !excess.isEmpty();
    }

    /** {@return whether the check could not decide some requirement and found none definitely denied} */
    public boolean inconclusive() {
        return !passed() && !denied();
    }

    /**
     * {@return the requirements no policy grants (verdict {@link Verdict#MISSING})}: what an Allow statement fixes.
     * Denials (an explicit Deny, a permissions boundary, an SCP) are not among them: no Allow lifts those.
     */
    public ImmutableList<Requirement> missing() {
        return coverage.stream()
                .filter(c -> c.verdict() == Verdict.MISSING)
                .map(Coverage::requirement)
                .collect(ImmutableList.toImmutableList());
    }

    /**
     * {@return the statements that grant what is missing, rendered as {@code generate} renders them and split into
     * managed policies within IAM's size limit, or empty when nothing is missing}
     *
     * @param request the request the requirements came from (its profile orders and names the statements)
     */
    public Optional<PolicySet> fix(PolicyRequest request) {
        checkNotNull(request, "request");
        ImmutableList<Requirement> missing = missing();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        RenderedPolicy rendered = PolicyRenderer.render(new RequirementSet(request, missing, ImmutableList.of()));
        return Optional.of(PolicyPacking.pack(rendered.policy(), PolicyLimit.MANAGED.characters(), Integer.MAX_VALUE));
    }
}
