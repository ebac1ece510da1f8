package dev.leastpriv.policies.check;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Effect;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.PolicyKind;
import dev.leastpriv.core.eval.Request;
import dev.leastpriv.policies.Requirement;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Evaluates each requirement on every one of its resources offline; shared by {@code check} and the preflight. */
public final class Coverages {

    private Coverages() {}

    /** {@return the coverage of every requirement by the policies the evaluator holds, for {@code principal}} */
    public static ImmutableList<Coverage> of(
            Evaluator evaluator, List<Requirement> required, @Nullable String principal) {
        ImmutableList.Builder<Coverage> coverage = ImmutableList.builder();
        for (Requirement access : required) {
            ImmutableList.Builder<ResourceResult> results = ImmutableList.builder();
            for (Resource resource : access.resources()) {
                Evaluation evaluation = evaluator.evaluate(Request.builder()
                        .action(access.action())
                        .resource(resource.pattern())
                        .principal(principal)
                        .build());
                results.add(result(resource.pattern(), evaluation));
            }
            coverage.add(new Coverage(access, results.build()));
        }
        return coverage.build();
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
