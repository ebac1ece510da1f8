package dev.leastpriv.assertj;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Arn;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.core.eval.Evaluation;
import dev.leastpriv.core.eval.Evaluator;
import dev.leastpriv.core.eval.Policies;
import dev.leastpriv.core.eval.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What identity policies grant, as the offline evaluator decides it. An answer that rests on a condition whose
 * context key the request does not carry is {@link Outcome#UNDECIDED}: it is neither a pass for {@code allows} nor for
 * {@code doesNotAllow} (a check that cannot decide is never a pass).
 */
final class Grants {

    /** How one request came out. */
    enum Outcome {
        ALLOWED,
        DENIED,
        UNDECIDED
    }

    /** The outcome and the evaluator's explanation of the full policies. */
    record Answer(String resource, Outcome outcome, Evaluation evaluation) {}

    /**
     * An Allow statement that grants the action on {@code written} (a Resource entry as written, or {@code *} for a
     * statement with NotResource or without Resource), checked through {@code probe}, a concrete resource the entry
     * matches. {@code applies} is false when the action catalog knows the action cannot apply to such a resource (an
     * object action on a bucket ARN, an action without resource types on an ARN): IAM grants nothing there.
     */
    record Grant(
            int policyIndex, int statementIndex, @Nullable String sid, String written, String probe, boolean applies) {}

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}");

    private final ImmutableList<Policy> policies;
    private final ActionCatalog catalog;
    private final Evaluator full;
    private final Evaluator withoutConditionalAllows;
    private final Evaluator withoutConditionalDenies;

    Grants(List<Policy> policies, ActionCatalog catalog) {
        this.policies = ImmutableList.copyOf(policies);
        this.catalog = catalog;
        this.full = Evaluator.compile(Policies.identity(this.policies));
        this.withoutConditionalAllows =
                Evaluator.compile(Policies.identity(without(this.policies, s -> s.isAllow() && conditional(s))));
        this.withoutConditionalDenies =
                Evaluator.compile(Policies.identity(without(this.policies, s -> !s.isAllow() && conditional(s))));
    }

    /**
     * {@return how {@code action} on {@code resource} comes out} An allow counts only if it still holds without the
     * conditional Allow statements whose keys are missing; a deny only if no conditional Allow could lift it.
     */
    Answer decide(Action action, String resource, Map<String, ImmutableList<String>> context) {
        Request request = request(action, resource, context);
        Evaluation evaluation = full.evaluate(request);
        return new Answer(resource, outcome(request, evaluation), evaluation);
    }

    /** {@return every Allow statement entry that grants {@code action}, conditions aside, in policy order} */
    ImmutableList<Grant> grantsOf(Action action) {
        Optional<ActionDefinition> definition = catalog.action(action);
        ImmutableList.Builder<Grant> grants = ImmutableList.builder();
        for (int p = 0; p < policies.size(); p++) {
            List<Statement> statements = policies.get(p).statements();
            for (int s = 0; s < statements.size(); s++) {
                Statement statement = statements.get(s);
                if (!statement.isAllow()) {
                    continue;
                }
                Evaluator alone = Evaluator.compile(Policies.identity(Policy.of(
                        statement.toBuilder().conditions(ImmutableList.of()).build())));
                List<String> written = statement.resources().isEmpty()
                        ? List.of(Resource.ALL.pattern())
                        : statement.resources().stream().map(Resource::pattern).toList();
                for (String entry : written) {
                    String probe = probe(entry);
                    if (probe != null
                            && alone.evaluate(request(action, probe, ImmutableMap.of()))
                                    .decision()
                                    .isAllowed()) {
                        boolean applies = definition
                                .map(known -> catalog.canMatch(known, Resource.parse(entry)))
                                .orElse(true);
                        grants.add(new Grant(p, s, statement.sid(), entry, probe, applies));
                    }
                }
            }
        }
        return grants.build();
    }

    private Outcome outcome(Request request, Evaluation evaluation) {
        boolean allowed = evaluation.decision().isAllowed();
        if (evaluation.missingContextKeys().isEmpty()) {
            return allowed ? Outcome.ALLOWED : Outcome.DENIED;
        }
        if (allowed) {
            // The missing keys may belong to a conditional Allow the grant does not need, or to a Deny that might
            // apply: the unconditional grants decide.
            Evaluation strict = withoutConditionalAllows.evaluate(request);
            return strict.decision().isAllowed() && strict.missingContextKeys().isEmpty()
                    ? Outcome.ALLOWED
                    : Outcome.UNDECIDED;
        }
        if (evaluation.decision() == Decision.EXPLICIT_DENY) {
            return Outcome.DENIED; // a Deny applied: its conditions held
        }
        Evaluation lenient = withoutConditionalDenies.evaluate(request);
        return !lenient.decision().isAllowed() && lenient.missingContextKeys().isEmpty()
                ? Outcome.DENIED
                : Outcome.UNDECIDED;
    }

    private static Request request(Action action, String resource, Map<String, ImmutableList<String>> context) {
        Request.Builder request = Request.builder().action(action).resource(resource);
        context.forEach(request::context);
        return request.build();
    }

    /**
     * {@return a concrete resource the entry matches, or null if there is none to build} The entry itself when it is
     * {@code *} or a valid ARN (a {@code *} in the resource part then stands for itself, which the entry's pattern
     * matches); otherwise wildcards and variables leave the region and account, which then match them as written.
     */
    static @Nullable String probe(String entry) {
        if (entry.equals("*") || Arn.isValid(entry)) {
            return entry;
        }
        String[] parts = entry.split(":", 6);
        if (parts.length != 6) {
            return null;
        }
        String region =
                VARIABLE.matcher(parts[3]).replaceAll("").replace("*", "").replace('?', 'a');
        String account =
                VARIABLE.matcher(parts[4]).replaceAll("").replace("*", "").replace('?', '0');
        // Arn decides what a region and an account may be: the written ones if they parse, else empty segments.
        for (String[] segments : new String[][] {{region, account}, {"", account}, {region, ""}, {"", ""}}) {
            String probe = String.join(":", parts[0], parts[1], parts[2], segments[0], segments[1], parts[5]);
            if (Arn.isValid(probe)) {
                return probe;
            }
        }
        return null;
    }

    private static boolean conditional(Statement statement) {
        return !statement.conditions().isEmpty();
    }

    private static List<Policy> without(List<Policy> policies, Predicate<Statement> drop) {
        List<Policy> kept = new ArrayList<>();
        for (Policy policy : policies) {
            List<Statement> statements =
                    policy.statements().stream().filter(drop.negate()).toList();
            if (!statements.isEmpty()) {
                kept.add(policy.toBuilder().statements(statements).build());
            }
        }
        return kept;
    }
}
