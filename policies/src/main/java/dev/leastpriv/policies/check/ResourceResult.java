package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.eval.Decision;

/**
 * The answer for one action on one resource: the verdict, the raw decision (the simulator's {@code allowed},
 * {@code implicitDeny} or {@code explicitDeny}), why, and the context keys conditions needed but the check did not
 * have.
 */
public record ResourceResult(
        String resource,
        Verdict verdict,
        Decision decision,
        String explanation,
        ImmutableSortedSet<String> missingContextKeys) {

    public ResourceResult {
        checkNotNull(resource, "resource");
        checkNotNull(verdict, "verdict");
        checkNotNull(decision, "decision");
        checkNotNull(explanation, "explanation");
        missingContextKeys = ImmutableSortedSet.copyOf(missingContextKeys);
    }

    /** {@return whether the action is allowed on this resource beyond doubt} */
    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
