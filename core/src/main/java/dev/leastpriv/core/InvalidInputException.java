package dev.leastpriv.core;

/**
 * Input a user gave is not valid: the message names the field, quotes the value and says what is expected
 * ({@link InputRules#invalid}). The library throws it only for what a user supplied (a connection's inputs, a policy
 * document, limits, a role ARN), so a caller can tell bad input, which the user fixes, from any other
 * {@link IllegalArgumentException}, which is a defect in the caller or in leastpriv.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
