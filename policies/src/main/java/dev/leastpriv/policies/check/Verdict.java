package dev.leastpriv.policies.check;

import com.google.common.collect.ImmutableSet;

/**
 * What a check concluded for one action on one resource, in order of precedence when a requirement's resources
 * disagree: a deny nobody can fix by editing the role outranks one the generated policy fixes.
 */
public enum Verdict {
    /** Allowed, with nothing left to doubt. */
    PASS("pass"),
    /** Conditions reference context keys the check could not know: not a pass (iam-reference.md §1.4). */
    UNKNOWN("unknown"),
    /** No policy allows it: the generated statements fix it. */
    MISSING("missing"),
    /** A Deny statement in the role's own policies applies. */
    DENIED_EXPLICIT("denied-explicit"),
    /** The permissions boundary does not allow it (implicitly or explicitly). */
    DENIED_BY_BOUNDARY("denied-by-boundary"),
    /** A service control policy does not allow it: only the organization's administrators can change that. */
    DENIED_BY_ORGANIZATION("denied-by-organization");

    private static final ImmutableSet<Verdict> DENIALS =
            ImmutableSet.of(MISSING, DENIED_EXPLICIT, DENIED_BY_BOUNDARY, DENIED_BY_ORGANIZATION);

    private final String jsonValue;

    Verdict(String jsonValue) {
        this.jsonValue = jsonValue;
    }

    /** {@return the lower-case name used in JSON and JUnit output, e.g. "denied-by-boundary"} */
    public String jsonValue() {
        return jsonValue;
    }

    /** {@return whether this is a definite deny (as opposed to a pass or an unknown)} */
    public boolean isDenial() {
        return DENIALS.contains(this);
    }

    /**
     * {@return the verdict for one simulated or evaluated request}
     *
     * <p>The order follows the simulator's result classification (iam-reference.md §1.4): a boundary that does not
     * allow is named first; a matched Deny statement is definite; otherwise unknown context keys make the answer
     * unknown, never a pass; a deny without a matched statement, or one the organization reports, is an SCP's (SCP
     * statements never appear in MatchedStatements); what is left is a missing grant.
     *
     * @param allowed whether the decision was {@code allowed}
     * @param explicitDeny whether the decision was {@code explicitDeny}
     * @param denyStatementMatched whether a Deny statement of the principal's policies is among the matched ones
     * @param boundaryDenied whether the permissions boundary did not allow it
     * @param organizationDenied whether the organization's policies did not allow it
     * @param contextKeysMissing whether conditions referenced context keys the request did not carry
     */
    public static Verdict of(
            boolean allowed,
            boolean explicitDeny,
            boolean denyStatementMatched,
            boolean boundaryDenied,
            boolean organizationDenied,
            boolean contextKeysMissing) {
        if (allowed) {
            return contextKeysMissing ? UNKNOWN : PASS;
        }
        if (boundaryDenied && (denyStatementMatched || !contextKeysMissing)) {
            return DENIED_BY_BOUNDARY;
        }
        if (explicitDeny && denyStatementMatched) {
            return DENIED_EXPLICIT;
        }
        if (contextKeysMissing) {
            return UNKNOWN;
        }
        if (organizationDenied || explicitDeny) {
            return DENIED_BY_ORGANIZATION;
        }
        return MISSING;
    }
}
