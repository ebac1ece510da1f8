package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import java.util.Optional;

/**
 * A rendered policy with what it was rendered from: the requirements, a per-statement explanation, notes on how
 * inputs were read, and its IAM size.
 */
public record RenderedPolicy(
        Policy policy, RequirementSet requirements, ImmutableList<StatementExplanation> explanations, PolicySize size) {

    public RenderedPolicy {
        checkNotNull(policy, "policy");
        checkNotNull(requirements, "requirements");
        checkNotNull(size, "size");
        explanations = ImmutableList.copyOf(explanations);
    }

    /** {@return notes on how the inputs were read, e.g. a catalog name written in lowercase} */
    public ImmutableList<String> notes() {
        return requirements.notes();
    }

    /** {@return the managed-policy limit if the policy is too large to be one managed policy} */
    public Optional<PolicyLimit> exceededLimit() {
        return size.fits(PolicyLimit.MANAGED) ? Optional.empty() : Optional.of(PolicyLimit.MANAGED);
    }
}
