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
 * {@code assumption} says what the decision rests on that no given policy says (a KMS key decided without its key
 * policy, a role without its trust policy), or is null.
 */
public record Evaluation(
        Decision decision,
        String reason,
        ImmutableList<MatchedStatement> matched,
        ImmutableSortedSet<String> missingContextKeys,
        @Nullable PolicyKind deniedBy,
        @Nullable String assumption) {

    /** {@return a decision that assumes nothing beyond the given policies} */
    public Evaluation(
            Decision decision,
            String reason,
            ImmutableList<MatchedStatement> matched,
            ImmutableSortedSet<String> missingContextKeys,
            @Nullable PolicyKind deniedBy) {
        this(decision, reason, matched, missingContextKeys, deniedBy, null);
    }

    public Evaluation {
        checkNotNull(decision, "decision");
        checkArgument((deniedBy == null) == decision.isAllowed(), "deniedBy is set exactly when the request is denied");
        checkNotNull(reason, "reason");
        matched = ImmutableList.copyOf(matched);
        missingContextKeys = ImmutableSortedSet.copyOf(missingContextKeys);
    }

    /** {@return this decision, noting what it assumes} */
    Evaluation assuming(String assumption) {
        return new Evaluation(decision, reason, matched, missingContextKeys, deniedBy, checkNotNull(assumption));
    }
}
