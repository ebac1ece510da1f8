package dev.leastpriv.policies.explain;

/** Where the change that ends a denial belongs, and so who can make it. */
public enum FixLocation {
    /** The role's own identity-based policies: what {@code generate} renders. */
    IDENTITY_POLICY("identity-policy", "the role's identity-based policy"),
    /** The permissions boundary attached to the role. */
    PERMISSIONS_BOUNDARY("permissions-boundary", "the role's permissions boundary"),
    /** A service or resource control policy of AWS Organizations, owned by the organization's administrators. */
    ORGANIZATION_POLICY(
            "organization-policy", "an AWS Organizations policy (SCP or RCP), owned by the organization administrator"),
    /** The policy of the resource itself: a bucket policy, a KMS key policy, a Glue catalog policy. */
    RESOURCE_POLICY("resource-policy", "the resource's own policy (bucket, key, catalog or function policy)"),
    /** The session policy passed when the role was assumed, owned by whoever assumes the role. */
    SESSION_POLICY("session-policy", "the session policy passed by whoever assumes the role"),
    /** The policy of the VPC endpoint the request went through. */
    VPC_ENDPOINT_POLICY("vpc-endpoint-policy", "the VPC endpoint policy, owned by the network's administrators"),
    /** The role's trust policy (who may assume it). */
    TRUST_POLICY("trust-policy", "the role's trust policy"),
    /** Lake Formation grants, made by a data lake administrator; no IAM policy replaces them. */
    LAKE_FORMATION("lake-formation", "Lake Formation grants, made by a data lake administrator"),
    /** Nothing: the connector does not need the call. */
    NONE("none", "nothing: the connector does not need this call"),
    /** The message does not say. */
    UNKNOWN("unknown", "not stated in the message");

    private final String id;
    private final String description;

    FixLocation(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** {@return the name written in JSON, e.g. {@code identity-policy}} */
    public String id() {
        return id;
    }

    /** {@return where the fix belongs, in words} */
    public String description() {
        return description;
    }
}
