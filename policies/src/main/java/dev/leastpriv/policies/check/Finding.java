package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A lint finding: severity, a stable code (e.g. {@code RESOURCE_MISMATCH}), a message, and where: the policy file,
 * a JSON pointer into it and the 1-based line and column.
 */
public record Finding(
        Severity severity, String code, String message, String file, String pointer, int line, int column) {

    public Finding {
        checkNotNull(severity, "severity");
        checkNotNull(code, "code");
        checkNotNull(message, "message");
        checkNotNull(file, "file");
        checkNotNull(pointer, "pointer");
    }
}
