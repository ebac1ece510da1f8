package dev.leastpriv.validator;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Request;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Evaluates each requirement on every one of its resources; shared by {@code check} and the preflight. */
final class Coverages {

    private Coverages() {}

    static ImmutableList<Coverage> of(Evaluator evaluator, List<RequiredAccess> required, @Nullable String principal) {
        ImmutableList.Builder<Coverage> coverage = ImmutableList.builder();
        for (RequiredAccess access : required) {
            Coverage result = new Coverage(access, Decision.ALLOWED, null, "allowed", ImmutableSortedSet.of());
            for (Resource resource : access.resources()) {
                Evaluation evaluation = evaluator.evaluate(Request.builder()
                        .action(access.action())
                        .resource(resource.pattern())
                        .principal(principal)
                        .build());
                if (!evaluation.decision().isAllowed()) {
                    String explanation = evaluation.reason()
                            + (evaluation.missingContextKeys().isEmpty()
                                    ? ""
                                    : "; conditions need context keys the check cannot know: "
                                            + String.join(", ", evaluation.missingContextKeys()));
                    result = new Coverage(
                            access,
                            evaluation.decision(),
                            resource.pattern(),
                            explanation,
                            evaluation.missingContextKeys());
                    break;
                }
            }
            coverage.add(result);
        }
        return coverage.build();
    }
}
