package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders requirements as a policy: one statement per distinct resource list, in a fixed block order, with the
 * block's Sid and its actions sorted. A pure function: the same request always gives the same bytes.
 *
 * <pre>{@code
 * RenderedPolicy rendered = PolicyRenderer.render(PolicyRequest.of(connection, Profile.OPENMETADATA, features));
 * String json = rendered.policy().toJson();
 * }</pre>
 *
 * <p>Requirements are grouped by their resource list, so statements never widen a grant: every action is allowed
 * exactly on the resources some requirement names, and merging happens only where the lists are identical (for
 * example results and data in the same bucket).
 */
public final class PolicyRenderer {

    private PolicyRenderer() {}

    /**
     * {@return the policy for {@code request}, with its requirements and explanations}
     */
    public static RenderedPolicy render(PolicyRequest request) {
        checkNotNull(request, "request");
        return render(RequirementSet.of(request));
    }

    /** {@return the policy for already computed requirements} */
    public static RenderedPolicy render(RequirementSet requirements) {
        checkNotNull(requirements, "requirements");
        Map<ImmutableList<Resource>, List<Requirement>> groups = new LinkedHashMap<>();
        Map<String, ImmutableList<Resource>> resourcesBySid = new LinkedHashMap<>();
        for (Requirement requirement : requirements.requirements()) {
            ImmutableList<Resource> previous = resourcesBySid.putIfAbsent(requirement.sid(), requirement.resources());
            checkState(
                    previous == null || previous.equals(requirement.resources()),
                    "Sid %s has two resource lists: %s and %s",
                    requirement.sid(),
                    previous,
                    requirement.resources());
            groups.computeIfAbsent(requirement.resources(), k -> new ArrayList<>())
                    .add(requirement);
        }
        // Output order: by the block of the group's first Sid, so adding a feature never reorders statements.
        List<List<Requirement>> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingInt(PolicyRenderer::rank));

        List<Statement> statements = new ArrayList<>();
        List<StatementExplanation> explanations = new ArrayList<>();
        for (List<Requirement> group : ordered) {
            String sid = sid(group);
            ImmutableList<Resource> resources = group.get(0).resources();
            Map<String, List<Requirement>> byAction = new TreeMap<>();
            for (Requirement requirement : group) {
                byAction.computeIfAbsent(requirement.action().toString(), k -> new ArrayList<>())
                        .add(requirement);
            }
            Statement.Builder statement = Statement.allow().sid(sid).resources(resources);
            List<StatementExplanation.ActionReason> reasons = new ArrayList<>();
            for (List<Requirement> sameAction : byAction.values()) {
                Action action = sameAction.get(0).action();
                statement.addAction(action);
                EnumSet<Feature> features = EnumSet.noneOf(Feature.class);
                Set<String> why = new LinkedHashSet<>();
                Set<Evidence> evidence = new LinkedHashSet<>();
                for (Requirement requirement : sameAction) {
                    features.add(requirement.feature());
                    why.add(requirement.reason());
                    evidence.add(requirement.evidence());
                }
                reasons.add(new StatementExplanation.ActionReason(
                        action,
                        ImmutableSet.copyOf(features),
                        ImmutableList.copyOf(why),
                        ImmutableList.copyOf(evidence)));
            }
            statements.add(statement.build());
            explanations.add(new StatementExplanation(sid, resources, ImmutableList.copyOf(reasons)));
        }
        Policy policy = Policy.of(statements);
        return new RenderedPolicy(policy, requirements, ImmutableList.copyOf(explanations), PolicySize.of(policy));
    }

    private static int rank(List<Requirement> group) {
        return Block.rank(sid(group));
    }

    /** The Sid of the group's earliest block, e.g. ResultsBucket when data shares the results bucket. */
    private static String sid(List<Requirement> group) {
        return group.stream()
                .map(Requirement::sid)
                .min(Comparator.comparingInt(Block::rank).thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }
}
