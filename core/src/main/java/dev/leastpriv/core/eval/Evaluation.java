package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;

/**
 * The decision for one request and why: the statements that applied (denies and allows), the context keys the
 * policies referenced but the request did not carry, and a one-line reason in the words of AWS's access-denied
 * messages ("no identity-based policy allows", "explicit deny in a permissions boundary").
 */
public record Evaluation(
        Decision decision,
        String reason,
        ImmutableList<MatchedStatement> matched,
        ImmutableSortedSet<String> missingContextKeys) {

    public Evaluation {
        checkNotNull(decision, "decision");
        checkNotNull(reason, "reason");
        matched = ImmutableList.copyOf(matched);
        missingContextKeys = ImmutableSortedSet.copyOf(missingContextKeys);
    }
}
