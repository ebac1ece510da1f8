package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.eval.Decision;
import org.jspecify.annotations.Nullable;

/**
 * Whether one requirement is allowed: the decision for the first resource that is not allowed (or
 * {@code ALLOWED}), that resource, the evaluator's explanation, and the context keys its conditions needed but no
 * check can know.
 */
public record Coverage(
        RequiredAccess requirement,
        Decision decision,
        @Nullable String deniedResource,
        String explanation,
        ImmutableSortedSet<String> missingContextKeys) {

    public Coverage {
        checkNotNull(requirement, "requirement");
        checkNotNull(decision, "decision");
        checkNotNull(explanation, "explanation");
        missingContextKeys = ImmutableSortedSet.copyOf(missingContextKeys);
    }

    /** {@return whether the requirement is allowed on all its resources} */
    public boolean isAllowed() {
        return decision.isAllowed();
    }

    /** {@return whether it is not allowed only as far as conditions on unknown context keys go: not a pass} */
    public boolean isUnknown() {
        return !decision.isAllowed() && decision != Decision.EXPLICIT_DENY && !missingContextKeys.isEmpty();
    }
}
