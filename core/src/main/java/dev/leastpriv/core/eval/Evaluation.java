package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import org.jspecify.annotations.Nullable;

/**
 * The decision for one request and why: the statements that applied (denies and allows), the context keys the
 * policies referenced but the request did not carry, and a one-line reason in the words of AWS's access-denied
 * messages ("no identity-based policy allows", "explicit deny in a permissions boundary"). {@code deniedBy} is the
 * layer that denied: the policy kind of the explicit deny, or the layer without an allow (null when allowed).
 */
public record Evaluation(
        Decision decision,
        String reason,
        ImmutableList<MatchedStatement> matched,
        ImmutableSortedSet<String> missingContextKeys,
        @Nullable PolicyKind deniedBy) {

    public Evaluation {
        checkNotNull(decision, "decision");
        checkArgument((deniedBy == null) == decision.isAllowed(), "deniedBy is set exactly when the request is denied");
        checkNotNull(reason, "reason");
        matched = ImmutableList.copyOf(matched);
        missingContextKeys = ImmutableSortedSet.copyOf(missingContextKeys);
    }
}
