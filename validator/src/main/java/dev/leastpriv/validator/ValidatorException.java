package dev.leastpriv.validator;

/** A check could not run (an AWS call failed, credentials expired, a throttle never cleared): never a pass. */
public final class ValidatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ValidatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
