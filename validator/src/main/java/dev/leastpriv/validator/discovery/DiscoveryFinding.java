package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One thing discovery learned or could not learn, e.g. {@code ERROR athena:GetWorkGroup workgroup "etl" does not
 * exist in eu-west-1}.
 *
 * @param call the IAM action of the discovery call, e.g. {@code athena:GetWorkGroup} or
 *     {@code s3:GetEncryptionConfiguration} (the permission the caller needs for it)
 * @param level how much it matters to the connector
 * @param kind whether it is a fact of the account, a denied call or a failed call
 */
public record DiscoveryFinding(String call, Level level, Kind kind, String message) {

    /** How much a finding matters: {@code ERROR} means the connector will fail as configured. */
    public enum Level {
        ERROR,
        WARNING,
        INFO
    }

    /** Where a finding comes from. */
    public enum Kind {
        /** The account answered; the finding states what it said. */
        FACT,
        /** The caller may not make the call (AccessDenied): the fact stays unknown, and a preflight says so. */
        DENIED,
        /** The call failed otherwise (throttling after retries, 5xx, network, credentials): discovery is incomplete. */
        FAILED
    }

    public DiscoveryFinding {
        checkNotNull(call, "call");
        checkNotNull(level, "level");
        checkNotNull(kind, "kind");
        checkNotNull(message, "message");
        checkArgument(
                call.indexOf(':') > 0, "call \"%s\" is not valid: expected an IAM action \"<service>:<Action>\"", call);
    }

    @Override
    public String toString() {
        return level + " " + call + " " + message;
    }
}
