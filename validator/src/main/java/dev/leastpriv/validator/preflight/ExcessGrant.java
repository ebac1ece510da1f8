package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A grant far wider than any connector needs: every action ({@code *}), every action of a sensitive service
 * ({@code iam:*}), an Allow with {@code NotAction}, or a sentinel action (for example {@code iam:PassRole} on
 * {@code *}) the role is allowed. {@code grant} says what is granted, {@code source} which policy grants it (an inline
 * policy's name, a managed policy's ARN, or what the simulator named), {@code explanation} why it matters.
 */
public record ExcessGrant(String grant, String source, String explanation) {

    public ExcessGrant {
        checkNotNull(grant, "grant");
        checkNotNull(source, "source");
        checkNotNull(explanation, "explanation");
    }
}
