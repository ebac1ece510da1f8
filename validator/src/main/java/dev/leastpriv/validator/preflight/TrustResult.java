package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.eval.Decision;

/**
 * One probe of a trust policy: who tries to assume the role ({@code principal} as the probe presented it, {@code *}
 * for an anonymous caller), whether that should be allowed, what the trust policy decided, why, and whether the
 * decision is certain. A probe that should be denied and was denied only because a condition key the check does not
 * have was absent is not decided: someone presenting that key might get in, so it is never {@link #ok()}.
 */
public record TrustResult(
        String who, String principal, boolean shouldAllow, Decision decision, String explanation, boolean decided) {

    public TrustResult {
        checkNotNull(who, "who");
        checkNotNull(principal, "principal");
        checkNotNull(decision, "decision");
        checkNotNull(explanation, "explanation");
    }

    /** {@return whether the trust policy decided as it should, and certainly so} */
    public boolean ok() {
        return decided && decision.isAllowed() == shouldAllow;
    }
}
