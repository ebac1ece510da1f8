package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.leastpriv.core.Arn;

/**
 * The IAM principal a preflight simulates: a role or a user, by its real ARN (with its path), and how it was found
 * ({@value #GIVEN}: named by the user, or {@value #CALLER}: the caller's identity).
 */
public record ResolvedPrincipal(Arn arn, Kind kind, String source) {

    /** The source of a role the user named. */
    public static final String GIVEN = "given";
    /** The source of the caller's own identity. */
    public static final String CALLER = "caller";

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
