package dev.leastpriv.assertj;

import dev.leastpriv.assertj.Grants.Answer;
import dev.leastpriv.assertj.Grants.Grant;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.MatchedStatement;
import dev.leastpriv.policies.PolicySet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Failure messages in AssertJ's layout: a line naming each part ("Expecting policy:", "to allow:", "but …") and the
 * values below it, indented by two spaces. Everything is listed in policy, statement or argument order.
 */
final class Messages {

    /** Longer policy JSON is cut in the "Expecting policy" part; the failure itself is always shown in full. */
    static final int POLICY_TEXT_LIMIT = 4_000;

    private Messages() {}

    /** {@return the opening part: the policy (or each policy of a set) as compact JSON} */
    static String expecting(PolicySet set) {
        List<Policy> policies = set.policies();
        StringBuilder text =
                new StringBuilder(policies.size() == 1 ? "\nExpecting policy:\n" : "\nExpecting policies:\n");
        for (Policy policy : policies) {
            String json = policy.toCompactJson();
            text.append("  ");
            if (json.length() <= POLICY_TEXT_LIMIT) {
                text.append(json);
            } else {
                text.append(json, 0, POLICY_TEXT_LIMIT)
                        .append("… (")
                        .append(number(json.length()))
                        .append(" characters in all)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** {@return what the evaluator said about one request, as the rest of a sentence starting "but "} */
    static String outcome(Answer answer) {
        Evaluation evaluation = answer.evaluation();
        return switch (answer.outcome()) {
            case ALLOWED -> "it was allowed by " + allows(evaluation);
            case DENIED ->
                (evaluation.decision() == Decision.EXPLICIT_DENY
                                ? "it was explicitly denied: "
                                : "it was implicitly denied: ")
                        + evaluation.reason();
            case UNDECIDED ->
                "it could not be decided: conditions need the context keys "
                        + String.join(", ", evaluation.missingContextKeys())
                        + ", which the request did not carry (give them with withContext); without them the evaluator"
                        + " says " + evaluation.decision().jsonValue() + ": " + evaluation.reason()
                        + (evaluation.decision().isAllowed() ? " by " + allows(evaluation) : "");
        };
    }

    /** {@return the Allow statements that applied, as the evaluator names them} */
    private static String allows(Evaluation evaluation) {
        String names = evaluation.matched().stream()
                .filter(statement -> statement.effect() == Effect.ALLOW)
                .map(MatchedStatement::toString)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "no statement" : names;
    }

    /** {@return the statement of a grant, as the evaluator names statements} */
    static String statement(Grant grant) {
        return "Allow in identity policy " + grant.policyIndex() + ", statement " + grant.statementIndex()
                + (grant.sid() == null ? "" : " (Sid " + grant.sid() + ")");
    }

    /**
     * {@return why a known action cannot apply to a resource: it has no resource types, or the ARN formats it
     * expects}
     */
    static String resourceTypes(Action action) {
        return ActionCatalog.standard()
                .action(action)
                .map(definition -> definition.isWildcardOnly()
                        ? ": it has no resource types, so only \"Resource\": \"*\" grants it"
                        : " (expected "
                                + definition.resourceTypes().stream()
                                        .flatMap(type -> type.arnFormats().stream())
                                        .collect(Collectors.joining(" or "))
                                + ")")
                .orElse("");
    }

    /** {@return the number with thousands separators, e.g. 6,144} */
    static String number(int value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
