package dev.leastpriv.policies.explain;

/**
 * Why AWS denied a request, as the message states it. AWS writes "because no <type> allows the <action> action"
 * for an implicit deny and "with an explicit deny in a <type>" for an explicit one
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html">Troubleshooting
 * access denied error messages</a>); older messages and some wrappers state no cause at all.
 */
public enum DenialCause {
    /** "because no identity-based policy allows the … action": the role lacks the grant. */
    NO_IDENTITY_POLICY("no-identity-policy", "no identity-based policy allows it", FixLocation.IDENTITY_POLICY, false),
    /** "with an explicit deny in an identity-based policy". */
    IDENTITY_POLICY_DENY(
            "identity-policy-deny", "an explicit deny in an identity-based policy", FixLocation.IDENTITY_POLICY, true),
    /** "because no permissions boundary allows the … action". */
    PERMISSIONS_BOUNDARY(
            "permissions-boundary", "no permissions boundary allows it", FixLocation.PERMISSIONS_BOUNDARY, false),
    /** "with an explicit deny in a permissions boundary". */
    PERMISSIONS_BOUNDARY_DENY(
            "permissions-boundary-deny",
            "an explicit deny in a permissions boundary",
            FixLocation.PERMISSIONS_BOUNDARY,
            true),
    /** "because no service control policy allows the … action". */
    SCP("scp", "no service control policy allows it", FixLocation.ORGANIZATION_POLICY, false),
    /**
     * "with an explicit deny in a service control policy". AWS writes this also when no SCP allows the action
     * ("even if the denial is implicit", IAM User Guide, troubleshoot_access-denied).
     */
    SCP_DENY("scp-deny", "an explicit deny in a service control policy", FixLocation.ORGANIZATION_POLICY, true),
    /** "because no resource control policy allows the … action" (not in AWS's examples; parsed for symmetry). */
    RCP("rcp", "no resource control policy allows it", FixLocation.ORGANIZATION_POLICY, false),
    /** "with an explicit deny in a resource control policy". */
    RCP_DENY("rcp-deny", "an explicit deny in a resource control policy", FixLocation.ORGANIZATION_POLICY, true),
    /** "because no session policy allows the … action". */
    SESSION_POLICY("session-policy", "no session policy allows it", FixLocation.SESSION_POLICY, false),
    /** "with an explicit deny in a session policy" (AWS's example spells it "sessions policy"). */
    SESSION_POLICY_DENY(
            "session-policy-deny", "an explicit deny in a session policy", FixLocation.SESSION_POLICY, true),
    /** "because no resource-based policy allows the … action": bucket, key or catalog policy. */
    RESOURCE_POLICY("resource-policy", "no resource-based policy allows it", FixLocation.RESOURCE_POLICY, false),
    /** "with an explicit deny in a resource-based policy". */
    RESOURCE_POLICY_DENY(
            "resource-policy-deny", "an explicit deny in a resource-based policy", FixLocation.RESOURCE_POLICY, true),
    /** "because no VPC endpoint policy allows the … action". */
    VPC_ENDPOINT_POLICY(
            "vpc-endpoint-policy", "no VPC endpoint policy allows it", FixLocation.VPC_ENDPOINT_POLICY, false),
    /** "with an explicit deny in a VPC endpoint policy". */
    VPC_ENDPOINT_POLICY_DENY(
            "vpc-endpoint-policy-deny",
            "an explicit deny in a VPC endpoint policy",
            FixLocation.VPC_ENDPOINT_POLICY,
            true),
    /** "because the role trust policy …" / "with an explicit deny in the role trust policy" (sts:AssumeRole). */
    TRUST_POLICY(
            "trust-policy",
            "the role's trust policy does not let the caller assume it",
            FixLocation.TRUST_POLICY,
            false),
    /** "Insufficient Lake Formation permission(s)": Lake Formation, not IAM, refused. */
    LAKE_FORMATION("lake-formation", "Lake Formation grants do not allow it", FixLocation.LAKE_FORMATION, false),
    /** The older form, "User: … is not authorized to perform: … on resource: …", with no cause. */
    UNKNOWN("unknown", "the message names no cause (the older form)", FixLocation.UNKNOWN, false),
    /**
     * No action, resource or cause at all: S3's bare {@code 403 Access Denied} / {@code Forbidden}, Athena's
     * "Insufficient permissions to execute the query".
     */
    NO_DETAILS("no-details", "the message names no action, resource or cause", FixLocation.UNKNOWN, false);

    private final String id;
    private final String description;
    private final FixLocation location;
    private final boolean explicit;

    DenialCause(String id, String description, FixLocation location, boolean explicit) {
        this.id = id;
        this.description = description;
        this.location = location;
        this.explicit = explicit;
    }

    /** {@return the name written in JSON, e.g. {@code scp-deny}} */
    public String id() {
        return id;
    }

    /** {@return the cause in words, e.g. "an explicit deny in a service control policy"} */
    public String description() {
        return description;
    }

    /** {@return where a change must be made to end a denial of this cause} */
    public FixLocation location() {
        return location;
    }

    /** {@return whether a Deny statement decided, so that no Allow anywhere can help} */
    public boolean explicit() {
        return explicit;
    }
}
