package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * The grammar IAM enforces on identity policies (and permissions boundaries), which the general policy grammar
 * allows because resource policies need it: every statement names {@code Resource} or {@code NotResource}, and none
 * names {@code Principal} or {@code NotPrincipal} (IAM User Guide, IAM JSON policy element reference: "Resource" —
 * "statements must include either a Resource or a NotResource element"; "Principal" — "You cannot use the Principal
 * element in an identity-based policy"). IAM refuses such a policy whole, so it grants nothing.
 */
public final class IdentityPolicyGrammar {

    /** One statement IAM would refuse in an identity policy: its JSON pointer, a code and why. */
    public record Problem(String pointer, String code, String message) {

        public Problem {
            checkNotNull(pointer, "pointer");
            checkNotNull(code, "code");
            checkNotNull(message, "message");
        }
    }

    private IdentityPolicyGrammar() {}

    /** {@return every statement of {@code policy} IAM refuses in an identity policy, in statement order} */
    public static ImmutableList<Problem> problems(Policy policy) {
        checkNotNull(policy, "policy");
        ImmutableList.Builder<Problem> problems = ImmutableList.builder();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            String at = "/Statement/" + i;
            if (statement.resources().isEmpty() && statement.notResources().isEmpty()) {
                problems.add(new Problem(
                        at,
                        "MISSING_RESOURCE",
                        "an identity policy statement must have Resource or NotResource; IAM refuses the policy, so"
                                + " it grants nothing (it is not read as \"Resource\": \"*\")"));
            }
            if (!statement.principals().isEmpty() || !statement.notPrincipals().isEmpty()) {
                problems.add(new Problem(
                        at + (statement.principals().isEmpty() ? "/NotPrincipal" : "/Principal"),
                        "PRINCIPAL_IN_IDENTITY_POLICY",
                        "an identity policy cannot name a Principal or NotPrincipal (the principal is whoever holds"
                                + " the policy); IAM refuses the policy, so it grants nothing"));
            }
        }
        return problems.build();
    }

    /**
     * {@return {@code policy}, when IAM accepts it as an identity policy}
     *
     * @param pointer where the policy sits in its document, e.g. {@code /identityPolicies/0}
     * @throws PolicyFormatException at the first statement IAM would refuse
     */
    public static Policy require(Policy policy, String pointer) {
        checkNotNull(pointer, "pointer");
        for (Problem problem : problems(policy)) {
            throw new PolicyFormatException(pointer + problem.pointer(), problem.message());
        }
        return policy;
    }
}
