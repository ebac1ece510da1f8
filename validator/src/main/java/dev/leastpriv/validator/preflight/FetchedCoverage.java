package dev.leastpriv.validator.preflight;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.MatchedStatement;
import dev.leastpriv.core.eval.PolicyKind;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.Coverages;
import java.util.List;

/**
 * Coverage of requirements by a fetched role's policies, evaluated offline, with the policies named as IAM names
 * them: the evaluator counts policies by position, a user knows them as {@code inline policy "deny-athena"} or a
 * managed policy's ARN, so a {@code DENIED-EXPLICIT} names the policy to edit.
 */
final class FetchedCoverage {

    private FetchedCoverage() {}

    static ImmutableList<Coverage> of(Evaluator evaluator, List<Requirement> required, FetchedRole role) {
        List<String> names = role.identityPolicies().keySet().asList();
        return Coverages.of(evaluator, required, role.role().toString(), statement -> name(statement, names));
    }

    private static String name(MatchedStatement statement, List<String> names) {
        String where =
                "statement " + statement.statementIndex() + (statement.sid() == null ? "" : ", Sid " + statement.sid());
        if (statement.kind() == PolicyKind.IDENTITY && statement.policyIndex() < names.size()) {
            String name = names.get(statement.policyIndex());
            return (name.startsWith("inline:")
                            ? "inline policy \"" + InputRules.excerpt(name.substring("inline:".length())) + "\""
                            : "managed policy " + InputRules.excerpt(name))
                    + ", " + where;
        }
        return statement.kind().description() + ", " + where;
    }
}
