package dev.leastpriv.core;

/**
 * IAM's size quotas for policy documents, in characters without whitespace
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html">IAM quotas</a>;
 * iam-reference.md §3.2). None of them can be raised except the trust policy, whose default is used here.
 */
public enum PolicyLimit {
    /** A customer-managed policy: 6,144 characters. */
    MANAGED(6_144, "managed policy"),
    /** All inline policies of one role together: 10,240 characters. */
    ROLE_INLINE(10_240, "role inline policies (aggregate)"),
    /** A role trust policy: 2,048 characters by default (adjustable by a quota increase). */
    TRUST(2_048, "role trust policy");

    private final int characters;
    private final String description;

    PolicyLimit(int characters, String description) {
        this.characters = characters;
        this.description = description;
    }

    /** {@return the limit in characters, whitespace not counted} */
    public int characters() {
        return characters;
    }

    /** {@return what the limit applies to, e.g. "managed policy"} */
    public String description() {
        return description;
    }
}
