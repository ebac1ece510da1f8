package dev.leastpriv.validator.probe;

/** What one probe call found. */
public enum ProbeOutcome {
    /** The call succeeded. */
    OK("ok"),
    /** AWS denied the call (AccessDenied-like code or HTTP 403, or an Athena error wrapping one): a finding. */
    DENIED("denied"),
    /** AWS throttled the call until the retries ran out: could not run. */
    THROTTLED("throttled"),
    /** What the connection names does not exist (a database, a workgroup, a bucket): a finding, never a pass. */
    NOT_FOUND("not-found"),
    /** The call could not run: network, credentials, an AWS internal error, an unexpected answer. */
    ERROR("error"),
    /** The call was not made, for the reason the result gives (no table to read, queries not allowed). */
    SKIPPED("skipped");

    private final String id;

    ProbeOutcome(String id) {
        this.id = id;
    }

    /** {@return the name in reports, e.g. {@code not-found}} */
    public String id() {
        return id;
    }

    /** {@return whether the outcome is a finding about the role or the connection (exit 1)} */
    public boolean isFinding() {
        return this == DENIED || this == NOT_FOUND;
    }

    /** {@return whether the call could not run, so it decides nothing (exit 3 unless something is a finding)} */
    public boolean isInconclusive() {
        return this == THROTTLED || this == ERROR;
    }
}
