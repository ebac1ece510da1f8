package dev.leastpriv.policies.check;

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
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Evaluates each requirement on every one of its resources offline; shared by {@code check} and the preflight. */
public final class Coverages {

    private Coverages() {}

    /**
     * Names the policy a matched statement belongs to, as the user knows it (a file, an inline policy's name, a
     * managed policy's ARN), with the statement; the evaluator knows policies only by position.
     */
    @FunctionalInterface
    public interface PolicyNames {
        String describe(MatchedStatement statement);
    }

    /** {@return the coverage of every requirement by the policies the evaluator holds, for {@code principal}} */
    public static ImmutableList<Coverage> of(
            Evaluator evaluator, List<Requirement> required, @Nullable String principal) {
        return of(evaluator, required, principal, null);
    }

    /**
     * {@return the coverage, each decision naming the policies behind it with {@code names}}
     *
     * @param names names the policies of the Deny statements of an explicit deny (else of the Allow statements), or
     *     null for the evaluator's own positions
     */
    public static ImmutableList<Coverage> of(
            Evaluator evaluator, List<Requirement> required, @Nullable String principal, @Nullable PolicyNames names) {
        ImmutableList.Builder<Coverage> coverage = ImmutableList.builder();
        for (Requirement access : required) {
            ImmutableList.Builder<ResourceResult> results = ImmutableList.builder();
            for (Resource resource : access.resources()) {
                Evaluation evaluation = evaluator.evaluate(Request.builder()
                        .action(access.action())
                        .resource(resource.pattern())
                        .principal(principal)
                        .build());
                ResourceResult result = result(resource.pattern(), evaluation);
                results.add(names == null ? result : named(result, evaluation, names));
            }
            coverage.add(new Coverage(access, results.build()));
        }
        return coverage.build();
    }

    private static ResourceResult named(ResourceResult result, Evaluation evaluation, PolicyNames names) {
        if (evaluation.decision() == Decision.IMPLICIT_DENY) {
            return result;
        }
        Effect decisive = evaluation.decision() == Decision.EXPLICIT_DENY ? Effect.DENY : Effect.ALLOW;
        String sources = evaluation.matched().stream()
                .filter(s -> s.effect() == decisive)
                .map(names::describe)
                .distinct()
                .collect(Collectors.joining("; "));
        if (sources.isEmpty()) {
            return result;
        }
        String explanation = evaluation.decision() == Decision.EXPLICIT_DENY
                ? "explicitDeny by a Deny statement (" + sources + ")"
                : result.explanation() + " (" + sources + ")";
        return new ResourceResult(
                result.resource(), result.verdict(), result.decision(), explanation, result.missingContextKeys());
    }

    /** The evaluator's answer in the simulator's classification. */
    public static ResourceResult result(String resource, Evaluation evaluation) {
        PolicyKind deniedBy = evaluation.deniedBy();
        Verdict verdict = Verdict.of(
                evaluation.decision().isAllowed(),
                evaluation.decision() == Decision.EXPLICIT_DENY,
                evaluation.matched().stream()
                        .anyMatch(s -> s.effect() == Effect.DENY && s.kind() != PolicyKind.SERVICE_CONTROL_POLICY),
                deniedBy == PolicyKind.PERMISSIONS_BOUNDARY,
                deniedBy == PolicyKind.SERVICE_CONTROL_POLICY,
                !evaluation.missingContextKeys().isEmpty());
        String explanation = evaluation.reason()
                + (evaluation.missingContextKeys().isEmpty()
                        ? ""
                        : "; conditions need context keys the check cannot know: "
                                + String.join(", ", evaluation.missingContextKeys()));
        return new ResourceResult(
                resource, verdict, evaluation.decision(), explanation, evaluation.missingContextKeys());
    }
}
