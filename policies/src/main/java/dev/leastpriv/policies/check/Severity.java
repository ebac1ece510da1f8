package dev.leastpriv.policies.check;

/** Access Analyzer's finding severities, most severe first. */
public enum Severity {
    ERROR("error"),
    SECURITY_WARNING("security-warning"),
    WARNING("warning"),
    SUGGESTION("suggestion");

    private final String jsonValue;

    Severity(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    /** {@return the name used in JSON and text output, e.g. security-warning} */
    public String jsonValue() {
        return jsonValue;
    }
}
