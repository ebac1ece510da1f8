package dev.leastpriv.policies.explain;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.policies.PolicyRequest;

/** The explanation of every AccessDenied message of an input against one connection, in the input's order. */
public record DenialReport(PolicyRequest request, ImmutableList<DenialExplanation> explanations) {

    public DenialReport {
        checkNotNull(request, "request");
        explanations = ImmutableList.copyOf(explanations);
    }

    /**
     * {@return whether every denial is explained}: a statement leastpriv renders for the role's identity policy, or
     * nothing to grant because the connector does not need the call
     */
    public boolean explained() {
        return !explanations.isEmpty()
                && explanations.stream().allMatch(e -> e.outcome().explained());
    }

    /** {@return how many denials have {@code outcome}} */
    public long count(DenialExplanation.Outcome outcome) {
        return explanations.stream().filter(e -> e.outcome() == outcome).count();
    }
}
