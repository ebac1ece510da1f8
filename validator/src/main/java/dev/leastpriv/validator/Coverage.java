package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.eval.Decision;
import org.jspecify.annotations.Nullable;

/**
 * Whether one requirement is allowed: the decision for the first resource that is not allowed (or
 * {@code ALLOWED}), that resource, and the evaluator's explanation.
 */
public record Coverage(
        RequiredAccess requirement,
        Decision decision,
        @Nullable String deniedResource,
        String explanation) {

    public Coverage {
        checkNotNull(requirement, "requirement");
        checkNotNull(decision, "decision");
        checkNotNull(explanation, "explanation");
    }

    /** {@return whether the requirement is allowed on all its resources} */
    public boolean isAllowed() {
        return decision.isAllowed();
    }
}
