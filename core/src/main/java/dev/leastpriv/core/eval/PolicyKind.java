package dev.leastpriv.core.eval;

/** Where a statement came from, for explanations. */
public enum PolicyKind {
    IDENTITY("identity policy"),
    PERMISSIONS_BOUNDARY("permissions boundary"),
    SERVICE_CONTROL_POLICY("service control policy"),
    RESOURCE_POLICY("resource policy");

    private final String description;

    PolicyKind(String description) {
        this.description = description;
    }

    /** {@return the kind as AWS's access-denied messages name it, e.g. "permissions boundary"} */
    public String description() {
        return description;
    }
}
