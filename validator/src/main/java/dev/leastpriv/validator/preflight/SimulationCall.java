package dev.leastpriv.validator.preflight;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.policies.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One {@code iam:SimulatePrincipalPolicy} request: actions × resources, at most {@value #MAX_RESOURCES} resources.
 *
 * <p>{@link #plan} packs requirements into the fewest requests: the distinct resource ARNs of all requirements,
 * sorted, in chunks of {@value #MAX_RESOURCES}, each with the actions that need one of its ARNs. The simulator
 * evaluates every action on every ARN of a request (iam-reference.md §1.4); answers for pairs nobody asked about are
 * ignored. Twenty is the chunk PMapper settled on after larger requests failed (§1.6). A {@code *} (wildcard-only
 * actions) is one more literal resource: the simulator compares resource strings literally, and only a policy
 * granting {@code *} matches it.
 */
record SimulationCall(ImmutableSortedSet<String> actions, ImmutableList<String> resources) {

    /** Resource ARNs per request. */
    static final int MAX_RESOURCES = 20;

    SimulationCall {
        actions = ImmutableSortedSet.copyOf(actions);
        resources = ImmutableList.copyOf(resources);
        checkArgument(!actions.isEmpty(), "A simulation needs an action");
        checkArgument(
                !resources.isEmpty() && resources.size() <= MAX_RESOURCES,
                "A simulation takes 1 to %s resources, not %s",
                MAX_RESOURCES,
                resources.size());
    }

    /** {@return the requests that cover every action on every resource of {@code required}, in a stable order} */
    static ImmutableList<SimulationCall> plan(List<Requirement> required) {
        // resource → the actions that need it
        TreeMap<String, TreeSet<String>> byResource = new TreeMap<>();
        for (Requirement access : required) {
            for (var resource : access.resources()) {
                byResource
                        .computeIfAbsent(resource.pattern(), r -> new TreeSet<>())
                        .add(access.action().toString());
            }
        }
        List<String> resources = new ArrayList<>(byResource.keySet());
        ImmutableList.Builder<SimulationCall> calls = ImmutableList.builder();
        for (int from = 0; from < resources.size(); from += MAX_RESOURCES) {
            List<String> chunk = resources.subList(from, Math.min(resources.size(), from + MAX_RESOURCES));
            TreeSet<String> actions = new TreeSet<>();
            chunk.forEach(resource -> actions.addAll(byResource.get(resource)));
            calls.add(new SimulationCall(ImmutableSortedSet.copyOf(actions), ImmutableList.copyOf(chunk)));
        }
        return calls.build();
    }

    /** {@return the key of one action × resource answer} */
    static String key(String action, String resource) {
        return action.toLowerCase(Locale.ROOT) + '\n' + resource;
    }
}
