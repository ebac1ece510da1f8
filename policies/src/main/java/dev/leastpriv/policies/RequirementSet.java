package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * The requirements of a {@link PolicyRequest}, one per feature and action, and notes on how inputs were read
 * (a catalog written in lowercase, a database name folded, a data location missing).
 *
 * <p>This is the one source of truth: the renderer, {@code check} and {@code preflight} all start from it.
 * Requirements come in feature order, then in the order the tool makes its calls.
 */
public record RequirementSet(
        PolicyRequest request, ImmutableList<Requirement> requirements, ImmutableList<String> notes) {

    public RequirementSet {
        checkNotNull(request, "request");
        requirements = ImmutableList.copyOf(requirements);
        notes = ImmutableList.copyOf(notes);
    }

    /** {@return the requirements of {@code request}} */
    public static RequirementSet of(PolicyRequest request) {
        return new RequirementPlanner(request).plan();
    }
}
