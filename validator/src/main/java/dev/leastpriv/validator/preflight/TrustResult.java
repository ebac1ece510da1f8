package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.eval.Decision;

/**
 * One probe of a trust policy: who tries {@code sts:AssumeRole}, whether that should be allowed, what the trust
 * policy decided, and why.
 */
public record TrustResult(String who, boolean shouldAllow, Decision decision, String explanation) {

    public TrustResult {
        checkNotNull(who, "who");
        checkNotNull(decision, "decision");
        checkNotNull(explanation, "explanation");
    }

    /** {@return whether the trust policy decided as it should} */
    public boolean ok() {
        return decision.isAllowed() == shouldAllow;
    }
}
