package dev.leastpriv.cli;

/** Bad input from a flag or config file, reported with exit code 2 and no stack trace. */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
