package dev.leastpriv.validator.preflight;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.MatchedStatement;
import dev.leastpriv.core.eval.PolicyKind;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.policies.Requirement;
import dev.leastpriv.policies.check.Coverage;
import dev.leastpriv.policies.check.Coverages;
import dev.leastpriv.policies.check.ResourceResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Coverage of requirements by a fetched role's policies, evaluated offline, with the policies named as IAM names
 * them: the evaluator counts policies by position, a user knows them as {@code inline policy "deny-athena"} or a
 * managed policy's ARN, so a {@code DENIED-EXPLICIT} names the policy to edit.
 */
final class FetchedCoverage {

    private FetchedCoverage() {}

    static ImmutableList<Coverage> of(Evaluator evaluator, List<Requirement> required, FetchedRole role) {
        List<String> names = role.identityPolicies().keySet().asList();
        ImmutableList.Builder<Coverage> coverage = ImmutableList.builder();
        for (Requirement access : required) {
            ImmutableList.Builder<ResourceResult> results = ImmutableList.builder();
            for (Resource resource : access.resources()) {
                Evaluation evaluation = evaluator.evaluate(Request.builder()
                        .action(access.action())
                        .resource(resource.pattern())
                        .principal(role.role().toString())
                        .build());
                ResourceResult result = Coverages.result(resource.pattern(), evaluation);
                String sources = sources(evaluation, names);
                if (!sources.isEmpty()) {
                    String explanation = evaluation.decision() == Decision.EXPLICIT_DENY
                            ? "explicitDeny by a Deny statement (" + sources + ")"
                            : result.explanation() + " (" + sources + ")";
                    result = new ResourceResult(
                            result.resource(),
                            result.verdict(),
                            result.decision(),
                            explanation,
                            result.missingContextKeys());
                }
                results.add(result);
            }
            coverage.add(new Coverage(access, results.build()));
        }
        return coverage.build();
    }

    /** The policies behind the decision: the Deny statements of an explicit deny, else the Allow statements. */
    private static String sources(Evaluation evaluation, List<String> names) {
        Effect decisive = evaluation.decision() == Decision.EXPLICIT_DENY ? Effect.DENY : Effect.ALLOW;
        if (evaluation.decision() == Decision.IMPLICIT_DENY) {
            return "";
        }
        return evaluation.matched().stream()
                .filter(s -> s.effect() == decisive)
                .map(s -> name(s, names))
                .distinct()
                .collect(Collectors.joining(", "));
    }

    private static String name(MatchedStatement statement, List<String> names) {
        String where =
                "statement " + statement.statementIndex() + (statement.sid() == null ? "" : ", Sid " + statement.sid());
        if (statement.kind() == PolicyKind.IDENTITY && statement.policyIndex() < names.size()) {
            String name = names.get(statement.policyIndex());
            return (name.startsWith("inline:")
                            ? "inline policy \"" + RoleArns.quote(name.substring("inline:".length())) + "\""
                            : "managed policy " + RoleArns.quote(name))
                    + ", " + where;
        }
        return statement.kind().description() + ", " + where;
    }
}
