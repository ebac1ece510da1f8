package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A policy document that is not valid JSON or breaks the policy grammar, with the
 * <a href="https://www.rfc-editor.org/rfc/rfc6901">JSON pointer</a> of the offending element
 * ({@code /Statement/2/Action/0}; {@code ""} for the whole document) and, for JSON syntax errors, the line and
 * column where reading stopped.
 */
public final class PolicyFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String pointer;
    private final String detail;
    private final int line;
    private final int column;

    public PolicyFormatException(String pointer, String message) {
        this(pointer, message, 0, 0);
    }

    public PolicyFormatException(String pointer, String message, Throwable cause) {
        this(pointer, message);
        initCause(cause);
    }

    /** A JSON syntax error at a known 1-based line and column. */
    public PolicyFormatException(String pointer, String message, int line, int column) {
        super(message + " at " + (pointer.isEmpty() ? "/" : pointer));
        this.pointer = checkNotNull(pointer, "pointer");
        this.detail = message;
        this.line = line;
        this.column = column;
    }

    /** {@return the JSON pointer of the element at fault, {@code ""} for the document itself} */
    public String pointer() {
        return pointer;
    }

    /** {@return what is wrong, without the location} */
    public String detail() {
        return detail;
    }

    /** {@return the 1-based line where a JSON syntax error was found, or 0 if not a syntax error} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column where a JSON syntax error was found, or 0 if not a syntax error} */
    public int column() {
        return column;
    }
}
