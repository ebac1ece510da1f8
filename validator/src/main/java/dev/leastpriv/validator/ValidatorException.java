package dev.leastpriv.validator;

/** A check could not run (an AWS call failed, credentials expired, a throttle never cleared): never a pass. */
public final class ValidatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ValidatorException(String message, Throwable cause) {
        super(message, cause);
    }

    /** For a check that could not run without an exception behind it (for example, IAM answered for another role). */
    public ValidatorException(String message) {
        super(message);
    }
}
