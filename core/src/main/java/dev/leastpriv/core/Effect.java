package dev.leastpriv.core;

/** Whether a statement allows or denies. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonValue;

    Effect(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    /** {@return the value as written in a policy: {@code Allow} or {@code Deny}} */
    public String jsonValue() {
        return jsonValue;
    }
}
