package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A policy document that is not valid JSON or breaks the policy grammar, with the
 * <a href="https://www.rfc-editor.org/rfc/rfc6901">JSON pointer</a> of the offending element
 * ({@code /Statement/2/Action/0}; {@code ""} for the whole document).
 */
public final class PolicyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String pointer;

    public PolicyFormatException(String pointer, String message) {
        super(message + " at " + (pointer.isEmpty() ? "/" : pointer));
        this.pointer = checkNotNull(pointer, "pointer");
    }

    public PolicyFormatException(String pointer, String message, Throwable cause) {
        this(pointer, message);
        initCause(cause);
    }

    /** {@return the JSON pointer of the element at fault, {@code ""} for the document itself} */
    public String pointer() {
        return pointer;
    }
}
