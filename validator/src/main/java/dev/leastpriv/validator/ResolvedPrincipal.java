package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;

/**
 * The IAM principal a preflight simulates: a role or a user, by its real ARN (with its path), and how it was found
 * ("--role-arn", or the caller's identity).
 */
public record ResolvedPrincipal(Arn arn, Kind kind, String source) {

    /** The principal kinds IAM's policy simulator accepts. */
    public enum Kind {
        ROLE,
        USER
    }

    public ResolvedPrincipal {
        checkNotNull(arn, "arn");
        checkNotNull(kind, "kind");
        checkNotNull(source, "source");
    }
}
