package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The size of a policy as IAM counts it.
 *
 * <p>AWS says only that IAM "does not count white space" when it sizes a policy; whether spaces inside strings
 * count is undocumented (iam-reference.md §3.2). {@link #characters()} is therefore the conservative figure, the
 * length of the compact JSON with whitespace outside strings removed, and {@link #withoutAnyWhitespace()} the
 * optimistic one with every whitespace character removed. Limits are checked against the conservative figure.
 */
public record PolicySize(int characters, int withoutAnyWhitespace) {

    public PolicySize {
        checkArgument(characters >= 0, "characters must not be negative: %s", characters);
        checkArgument(
                withoutAnyWhitespace >= 0 && withoutAnyWhitespace <= characters,
                "withoutAnyWhitespace must be between 0 and characters (%s): %s",
                characters,
                withoutAnyWhitespace);
    }

    /** {@return the size of {@code policy}} */
    public static PolicySize of(Policy policy) {
        String compact = policy.toCompactJson();
        int whitespace = 0;
        for (int i = 0; i < compact.length(); i++) {
            if (Character.isWhitespace(compact.charAt(i))) {
                whitespace++;
            }
        }
        return new PolicySize(compact.length(), compact.length() - whitespace);
    }

    /** {@return whether the policy fits {@code limit}} */
    public boolean fits(PolicyLimit limit) {
        return characters <= limit.characters();
    }
}
