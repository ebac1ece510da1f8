package dev.leastpriv.core.eval;

/** The outcome of evaluating a request, with the names IAM's simulator uses. */
public enum Decision {
    /** Some policy allows the request and every limit (boundary, SCPs) allows it too. */
    ALLOWED("allowed"),
    /** Nothing allows the request, or a limit does not. */
    IMPLICIT_DENY("implicitDeny"),
    /** A Deny statement applies; nothing can override it. */
    EXPLICIT_DENY("explicitDeny");

    private final String jsonValue;

    Decision(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    /** {@return the simulator's name: allowed, implicitDeny or explicitDeny} */
    public String jsonValue() {
        return jsonValue;
    }

    /** {@return whether the request is allowed} */
    public boolean isAllowed() {
        return this == ALLOWED;
    }
}
