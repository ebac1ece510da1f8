package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.InputRules;
import dev.leastpriv.core.InvalidInputException;
import dev.leastpriv.core.Policy;
import dev.leastpriv.core.PolicyLimit;
import dev.leastpriv.core.PolicySize;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.Statement;
import dev.leastpriv.core.catalog.ActionCatalog;
import dev.leastpriv.core.catalog.ActionDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Fits a policy into managed policies of at most {@code maxSize} characters, without widening it.
 *
 * <p>First it compacts: statements with the same effect, conditions and resources become one with the union of
 * their actions, then statements with the same actions become one with the union of their resources. Both grant
 * exactly the pairs the originals grant, and no wildcard appears that was not there. Then it packs the statements,
 * in order, into as few policies as the limit allows: a statement that does not fit the policy being filled is
 * split by its resources, the first part filling that policy and the rest starting the next (a statement grants
 * its actions on each resource independently, so the parts grant what the whole did). Every policy but the last is
 * then full up to one resource ARN, so the count is at most the lower bound ceil(size / limit) plus what the
 * repeated parts of split statements cost: in practice the lower bound or one more.
 *
 * <p>The order is the rendered order (statements by Sid, resources sorted), so the same input gives the same set.
 * Adding a database adds its ARNs where they sort; the statements before it stay in their policies, and each later
 * policy boundary moves by the ARNs added.
 */
public final class PolicyPacking {

    /** Managed policies a role may have attached by default (IAM quotas; up to 20 by a quota increase). */
    public static final int DEFAULT_MAX_POLICIES = 10;

    /**
     * IAM's hard limit of managed policies attached to a role, the most a quota increase grants. {@link #pack}
     * takes larger limits (to measure how many policies a connection would need); the CLI refuses them.
     */
    public static final int MAX_POLICIES = 20;

    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private PolicyPacking() {}

    /**
     * {@return {@code policy} as one policy when it fits {@code maxSize}, else compacted and packed}
     *
     * @throws IllegalArgumentException if {@code maxSize} is not between 200 and the managed limit, or
     *     {@code maxPolicies} is not positive
     * @throws PolicySetTooLargeException if a single statement part cannot fit, or the set needs more than
     *     {@code maxPolicies} policies
     */
    public static PolicySet pack(Policy policy, int maxSize, int maxPolicies) {
        return pack(policy, maxSize, maxPolicies, new Work());
    }

    /** {@link #pack(Policy, int, int)}, recording the packer's work in {@code work}. */
    static PolicySet pack(Policy policy, int maxSize, int maxPolicies, Work work) {
        checkLimits(policy, maxSize, maxPolicies);
        if (PolicySize.of(policy).characters() <= maxSize) {
            return PolicySet.of(policy);
        }
        // Every distinct ARN must appear once in the set whatever the compaction does, so their characters alone
        // bound the count from below: linear, and it refuses 100,000 databases before compacting them.
        long arns = distinctArnCharacters(policy);
        int early = (int) Math.min(Integer.MAX_VALUE, (arns + maxSize - 1) / maxSize);
        if (early > maxPolicies) {
            throw new PolicySetTooLargeException(early, maxPolicies, maxSize, arns);
        }
        work.compacted = true;
        Policy compacted = compact(policy);
        // No packing can use fewer policies than the bound, so a set far over the limit is refused before packing.
        int bound = splitLowerBound(compacted, maxSize);
        if (bound > maxPolicies) {
            int size = PolicySize.of(compacted).characters();
            throw new PolicySetTooLargeException(bound, true, bound, maxPolicies, maxSize, size);
        }
        return limited(new Packer(compacted, maxSize, work).pack(), compacted, maxSize, maxPolicies);
    }

    /**
     * {@return the rendered policy packed as {@link #pack(Policy, int, int)} packs it} When it needs more policies
     * than {@code maxPolicies} and names databases, the error also says how many of them (the first in name order)
     * fit.
     *
     * @throws PolicySetTooLargeException as {@link #pack(Policy, int, int)}
     */
    public static PolicySet pack(RenderedPolicy rendered, int maxSize, int maxPolicies) {
        checkNotNull(rendered, "rendered");
        try {
            return pack(rendered.policy(), maxSize, maxPolicies);
        } catch (PolicySetTooLargeException e) {
            throw withFit(e, rendered.requirements().request(), maxSize, maxPolicies);
        }
    }

    /** {@return {@code e} with how many of the request's databases fit, where that helps} */
    private static PolicySetTooLargeException withFit(
            PolicySetTooLargeException e, PolicyRequest request, int maxSize, int maxPolicies) {
        List<String> databases = List.copyOf(request.connection().databases());
        if (!e.tooMany() || databases.size() < 2 || request.connection().allDatabases()) {
            return e;
        }
        int fit = fittingDatabases(request, databases, maxSize, maxPolicies);
        return e.withAdvice("the first " + fit + " of " + databases.size() + " databases (in name order) fit: name"
                + " fewer (one role per group of databases), or grant the databases of a shared name prefix"
                + " (database-prefix, e.g. \"team_a_\", which includes databases created later with it), or all"
                + " databases (\"*\"), or allow more policies after a quota increase");
    }

    /**
     * {@return the most databases, the first in name order, whose policy packs within the limits; 0 if none} By
     * doubling, then bisecting: every trial past the answer is refused from the lower bound, so the work is a few
     * renders of about the size that fits, not of the whole list.
     */
    private static int fittingDatabases(PolicyRequest request, List<String> databases, int maxSize, int maxPolicies) {
        int fits = 0;
        int tooMany = databases.size();
        for (int n = 1; n < tooMany; n = Math.min(tooMany, n * 2)) {
            if (!fits(request, databases.subList(0, n), maxSize, maxPolicies)) {
                tooMany = n;
                break;
            }
            fits = n;
        }
        while (tooMany - fits > 1) {
            int n = fits + (tooMany - fits) / 2;
            if (fits(request, databases.subList(0, n), maxSize, maxPolicies)) {
                fits = n;
            } else {
                tooMany = n;
            }
        }
        return fits;
    }

    private static boolean fits(PolicyRequest request, List<String> databases, int maxSize, int maxPolicies) {
        Connection fewer = request.connection().toBuilder().databases(databases).build();
        PolicyRequest smaller = new PolicyRequest(fewer, request.profile(), request.features(), request.placeholders());
        try {
            pack(PolicyRenderer.render(smaller).policy(), maxSize, maxPolicies);
            return true;
        } catch (PolicySetTooLargeException e) {
            return false;
        }
    }

    private static void checkLimits(Policy policy, int maxSize, int maxPolicies) {
        checkNotNull(policy, "policy");
        InputRules.checkInput(
                maxSize >= 200 && maxSize <= PolicyLimit.MANAGED.characters(),
                "policy size limit \"%s\" is not valid: expected 200 to %s characters (the managed policy limit)",
                maxSize,
                PolicyLimit.MANAGED.characters());
        InputRules.checkInput(
                maxPolicies >= 1, "policy count limit \"%s\" is not valid: expected at least 1", maxPolicies);
    }

    /** {@return the packed policies as a set, unless there are more than {@code maxPolicies}} */
    private static PolicySet limited(List<Policy> packed, Policy compacted, int maxSize, int maxPolicies) {
        if (packed.size() > maxPolicies) {
            int size = PolicySize.of(compacted).characters();
            throw new PolicySetTooLargeException(
                    packed.size(), false, lowerBound(size, maxSize), maxPolicies, maxSize, size);
        }
        return new PolicySet(ImmutableList.copyOf(packed));
    }

    /**
     * {@return {@code policy} packed so that what {@code previous} already holds stays where it is}: each resource of
     * a statement that an earlier policy of the set still grants stays in that policy; resources no longer required
     * leave it; new resources go into the first policy with room, else into new policies at the end. Adding a
     * database so changes only the policies that receive its ARNs (and ones left empty are dropped), at the cost of
     * a set that may drift above the fresh packing's count; {@link #pack} gives the fresh one.
     *
     * @throws PolicySetTooLargeException as {@link #pack}
     */
    public static PolicySet repack(PolicySet previous, Policy policy, int maxSize, int maxPolicies) {
        checkNotNull(previous, "previous");
        checkLimits(policy, maxSize, maxPolicies);
        if (PolicySize.of(policy).characters() <= maxSize) {
            return PolicySet.of(policy); // it fits one policy: nothing to keep in place
        }
        Policy compacted = compact(policy);
        if (!compacted.statements().stream().allMatch(PolicyPacking::mergeable)) {
            return pack(policy, maxSize, maxPolicies); // only plain Action × Resource statements are tracked
        }
        List<Statement> statements = compacted.statements();
        Map<String, Integer> byShape = new HashMap<>(); // lookup only
        List<LinkedHashSet<Resource>> remaining = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            byShape.putIfAbsent(shape(statements.get(i)), i);
            remaining.add(new LinkedHashSet<>(statements.get(i).resources()));
        }
        // 1. What earlier policies hold and is still required stays in place.
        List<List<Statement>> kept = new ArrayList<>();
        List<List<Integer>> keptShapes = new ArrayList<>();
        for (Policy earlier : previous.policies()) {
            List<Statement> parts = new ArrayList<>();
            List<Integer> shapes = new ArrayList<>();
            for (Statement statement : earlier.statements()) {
                Integer index = byShape.get(shape(statement));
                for (int i = 0; index == null && i < statements.size(); i++) {
                    // A part may have left out actions that match none of its resources (Packer.part).
                    Statement whole = statements.get(i);
                    if (Objects.equals(whole.sid(), statement.sid())
                            && whole.effect() == statement.effect()
                            && whole.conditions().equals(statement.conditions())
                            && whole.actions().containsAll(statement.actions())) {
                        index = i;
                    }
                }
                if (index == null) {
                    continue;
                }
                List<Resource> still = statement.resources().stream()
                        .filter(remaining.get(index)::remove)
                        .toList();
                if (!still.isEmpty()) {
                    parts.add(withResources(statements.get(index), still));
                    shapes.add(index);
                }
            }
            if (!parts.isEmpty()) {
                kept.add(parts);
                keptShapes.add(shapes);
            }
        }
        // 2. New resources into the first kept policy with room, by arithmetic as in the packer.
        Packer sizes = new Packer(compacted, maxSize);
        int[] fixed = new int[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            fixed[i] = sizes.statementSize(statement)
                    + 1
                    - statement.resources().stream()
                            .mapToInt(PolicyPacking::resourceCost)
                            .sum();
        }
        int[] used = new int[kept.size()];
        for (int p = 0; p < kept.size(); p++) {
            used[p] = sizes.size(kept.get(p));
        }
        List<Statement> leftovers = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            List<Resource> unplaced = new ArrayList<>();
            for (Resource resource : remaining.get(i)) {
                int cost = resourceCost(resource);
                boolean placed = false;
                for (int p = 0; p < kept.size() && !placed; p++) {
                    int at = keptShapes.get(p).indexOf(i);
                    List<Statement> parts = kept.get(p);
                    // Measured, not summed: a resource may bring back an action its part had left out.
                    Statement grown;
                    int grow;
                    if (at >= 0) {
                        List<Resource> more = new ArrayList<>(parts.get(at).resources());
                        more.add(resource);
                        grown = withResources(statements.get(i), more);
                        grow = sizes.statementSize(grown) - sizes.statementSize(parts.get(at));
                    } else {
                        grown = withResources(statements.get(i), List.of(resource));
                        grow = 1 + sizes.statementSize(grown);
                    }
                    if (used[p] + grow <= maxSize) {
                        if (at >= 0) {
                            parts.set(at, grown);
                        } else {
                            parts.add(grown);
                            keptShapes.get(p).add(i);
                        }
                        used[p] += grow;
                        placed = true;
                    }
                }
                if (!placed) {
                    unplaced.add(resource);
                }
            }
            if (!unplaced.isEmpty()) {
                leftovers.add(statements.get(i).toBuilder().resources(unplaced).build());
            }
        }
        List<Policy> result = new ArrayList<>();
        for (List<Statement> parts : kept) {
            result.add(new Policy(compacted.version(), compacted.id(), ImmutableList.copyOf(parts)));
        }
        if (!leftovers.isEmpty()) {
            result.addAll(new Packer(
                            new Policy(compacted.version(), compacted.id(), ImmutableList.copyOf(leftovers)), maxSize)
                    .pack());
        }
        for (Policy part : result) {
            if (PolicySize.of(part).characters() > maxSize) {
                throw new IllegalStateException("repacked policy exceeds " + maxSize);
            }
        }
        return limited(result, compacted, maxSize, maxPolicies);
    }

    /**
     * {@return the rendered policy repacked as {@link #repack(PolicySet, Policy, int, int)} repacks it} When it needs
     * more policies than {@code maxPolicies}, the error says how many databases fit, as {@link #pack(RenderedPolicy,
     * int, int)} does.
     */
    public static PolicySet repack(PolicySet previous, RenderedPolicy rendered, int maxSize, int maxPolicies) {
        checkNotNull(rendered, "rendered");
        try {
            return repack(previous, rendered.policy(), maxSize, maxPolicies);
        } catch (PolicySetTooLargeException e) {
            throw withFit(e, rendered.requirements().request(), maxSize, maxPolicies);
        }
    }

    /** {@return {@code statement} with {@code resources} and the actions that can match one of them} */
    private static Statement withResources(Statement statement, List<Resource> resources) {
        return statement.toBuilder()
                .actions(Packer.matchingActions(statement.actions(), resources))
                .resources(resources)
                .build();
    }

    /** What identifies a statement across sets: effect, actions and conditions (its Sid and resources may differ). */
    private static String shape(Statement statement) {
        return statement.effect() + "\n"
                + new TreeSet<>(statement.actions().stream()
                        .map(a -> a.toString().toLowerCase(Locale.ROOT))
                        .toList())
                + "\n" + statement.conditions();
    }

    /**
     * {@return the fewest policies of at most {@code limit} characters that {@link #pack} could give {@code policy}}:
     * 1 when it fits, else the split-aware bound of the compacted policy, the bound {@link #pack} refuses from
     */
    public static int minimumPolicies(Policy policy, int limit) {
        checkNotNull(policy, "policy");
        return PolicySize.of(policy).characters() <= limit ? 1 : splitLowerBound(compact(policy), limit);
    }

    /** {@return ceil(size / limit): no packing can use fewer policies} */
    public static int lowerBound(int size, int limit) {
        return (size + limit - 1) / limit;
    }

    /**
     * {@return a lower bound that counts what splitting costs, never below ceil(size / limit)} A policy holds the
     * envelope and each of its statement parts, and a part of a statement costs the statement's non-resource part
     * plus its ARNs (less one comma); so a policy holds at most {@code limit - envelope - f + 1} characters of ARNs
     * and commas, where {@code f} is the smallest non-resource part of any statement, and every ARN is in some
     * policy. Linear in the resources: {@link #pack} refuses from it before packing.
     */
    public static int splitLowerBound(Policy policy, int limit) {
        Packer sizes = new Packer(policy, limit);
        long resources = 0;
        int smallestFixed = Integer.MAX_VALUE;
        for (Statement statement : policy.statements()) {
            int size = sizes.statementSize(statement);
            int fixed = size;
            if (mergeable(statement)) {
                int costs = 0;
                for (Resource resource : statement.resources()) {
                    costs += resourceCost(resource);
                }
                fixed = size + 1 - costs;
                resources += costs;
            }
            smallestFixed = Math.min(smallestFixed, fixed);
        }
        long room = (long) limit - sizes.envelope - smallestFixed + 1;
        long split = room <= 0 ? Integer.MAX_VALUE : (resources + room - 1) / room;
        return (int) Math.max(split, lowerBound(PolicySize.of(policy).characters(), limit));
    }

    /**
     * {@return {@code policy} with statements merged where that allows exactly the same requests}: same resources,
     * same actions, then by resource type (see {@link #pack})
     */
    public static Policy compact(Policy policy) {
        List<Statement> statements = new ArrayList<>(policy.statements());
        statements = merge(statements, true);
        statements = merge(statements, false);
        statements = mergeByType(statements);
        return new Policy(policy.version(), policy.id(), ImmutableList.copyOf(statements));
    }

    /**
     * Merges each mergeable statement into the first earlier one that shares a resource with it, when no pair the
     * merge adds can name a request: for every added action and added resource, the catalog says no ARN the
     * resource matches has the form of a resource type the action is authorized against (a {@code table/db/*} ARN
     * never matches a {@code glue:GetDatabase} request). So {@code GlueDatabases} joins {@code GlueTables} and each
     * database ARN appears once. Actions the catalog does not know, and wildcard actions, never merge this way.
     */
    private static List<Statement> mergeByType(List<Statement> statements) {
        List<Statement> out = new ArrayList<>();
        for (Statement statement : statements) {
            int into = -1;
            for (int i = 0; i < out.size() && into < 0 && mergeable(statement); i++) {
                Statement earlier = out.get(i);
                if (mergeable(earlier)
                        && earlier.effect() == statement.effect()
                        && earlier.conditions().equals(statement.conditions())
                        && shareResource(earlier, statement)
                        && addsNoRequest(earlier, statement)
                        && addsNoRequest(statement, earlier)) {
                    into = i;
                }
            }
            if (into < 0) {
                out.add(statement);
                continue;
            }
            Statement earlier = out.get(into);
            out.set(
                    into,
                    earlier.toBuilder()
                            .actions(union(earlier.actions(), statement.actions()))
                            .resources(union(earlier.resources(), statement.resources()))
                            .build());
        }
        return out;
    }

    private static boolean shareResource(Statement first, Statement second) {
        Set<Resource> smaller =
                first.resources().size() <= second.resources().size() ? first.resources() : second.resources();
        Set<Resource> larger = smaller == first.resources() ? second.resources() : first.resources();
        return smaller.stream().anyMatch(larger::contains);
    }

    /**
     * {@return whether {@code from}'s actions on {@code to}'s resources add no request} The pairs added are
     * {@code from}'s actions that {@code to} lacks on {@code to}'s resources that {@code from} lacks.
     */
    private static boolean addsNoRequest(Statement from, Statement to) {
        ActionCatalog catalog = ActionCatalog.standard();
        List<ActionDefinition> added = new ArrayList<>();
        for (Action action : from.actions()) {
            if (to.actions().contains(action)) {
                continue;
            }
            Optional<ActionDefinition> definition = action.isWildcard() ? Optional.empty() : catalog.action(action);
            if (definition.isEmpty()) {
                return false;
            }
            added.add(definition.get());
        }
        if (added.isEmpty()) {
            return true;
        }
        for (Resource resource : to.resources()) {
            if (from.resources().contains(resource)) {
                continue;
            }
            Predicate<ActionDefinition> canMatch = catalog.canMatch(resource);
            for (ActionDefinition action : added) {
                if (canMatch.test(action)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Merges each mergeable statement into the first earlier one with the same resources (sameResources) or the
     * same actions, keeping the first one's Sid and place.
     */
    private static List<Statement> merge(List<Statement> statements, boolean sameResources) {
        List<Statement> out = new ArrayList<>();
        for (Statement statement : statements) {
            int into = -1;
            if (mergeable(statement)) {
                for (int i = 0; i < out.size(); i++) {
                    Statement earlier = out.get(i);
                    if (mergeable(earlier)
                            && earlier.effect() == statement.effect()
                            && earlier.conditions().equals(statement.conditions())
                            && (sameResources
                                    ? Set.copyOf(earlier.resources()).equals(Set.copyOf(statement.resources()))
                                    : Set.copyOf(earlier.actions()).equals(Set.copyOf(statement.actions())))) {
                        into = i;
                        break;
                    }
                }
            }
            if (into < 0) {
                out.add(statement);
                continue;
            }
            Statement earlier = out.get(into);
            out.set(
                    into,
                    sameResources
                            ? earlier.toBuilder()
                                    .actions(union(earlier.actions(), statement.actions()))
                                    .build()
                            : earlier.toBuilder()
                                    .resources(union(earlier.resources(), statement.resources()))
                                    .build());
        }
        return out;
    }

    /** Only plain Action × Resource statements merge: NotAction, NotResource and principals change meaning. */
    private static boolean mergeable(Statement statement) {
        return !statement.actions().isEmpty()
                && !statement.resources().isEmpty()
                && statement.principals().isEmpty()
                && statement.notPrincipals().isEmpty();
    }

    private static <T> ImmutableSet<T> union(ImmutableSet<T> first, ImmutableSet<T> second) {
        Set<T> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return ImmutableSet.copyOf(all);
    }

    /**
     * What a packing did, for tests that its work grows linearly: the resource elements the packer visited (costed
     * or copied into a part), and whether it ran at all.
     */
    static final class Work {
        private long visits;
        private boolean packed;
        private boolean compacted;

        boolean compacted() {
            return compacted;
        }

        long visits() {
            return visits;
        }

        boolean packed() {
            return packed;
        }
    }

    /** Fills policies in order, splitting statements by resource where one does not fit. */
    private static final class Packer {

        private final Policy policy;
        private final int limit;
        private final int envelope; // the policy's size without statements
        private final Work work;
        private final List<Policy> done = new ArrayList<>();
        private final List<Statement> current = new ArrayList<>();
        private int currentSize;

        Packer(Policy policy, int limit) {
            this(policy, limit, new Work());
        }

        Packer(Policy policy, int limit, Work work) {
            this.policy = policy;
            this.limit = limit;
            this.work = work;
            Statement first = policy.statements().get(0);
            this.envelope = size(List.of(first)) - statementSize(first);
            this.currentSize = envelope;
        }

        ImmutableList<Policy> pack() {
            work.packed = true;
            for (Statement statement : policy.statements()) {
                add(statement);
            }
            close();
            for (Policy part : done) {
                // The arithmetic below mirrors the writer; a mismatch is a bug, never a policy over the limit.
                int actual = PolicySize.of(part).characters();
                if (actual > limit) {
                    throw new IllegalStateException("packed policy of " + actual + " characters exceeds " + limit);
                }
            }
            return ImmutableList.copyOf(done);
        }

        private void add(Statement statement) {
            int size = statementSize(statement);
            if (currentSize + separator() + size <= limit) {
                append(statement, size);
                return;
            }
            if (statement.resources().size() <= 1 || !mergeable(statement)) {
                close();
                if (envelope + size > limit) {
                    throw new PolicySetTooLargeException(statement, size, limit);
                }
                append(statement, size);
                return;
            }
            // Split by resources: each part is the statement's fixed part plus its resources' costs, so sizes are
            // sums, not serializations (the tail of a 5,000-database statement is never written again), and each
            // part copies only its own resources, so the work is linear in the statement's resources.
            List<Resource> resources = statement.resources().asList();
            int[] costs = new int[resources.size()];
            int remaining = 0;
            for (int i = 0; i < costs.length; i++) {
                costs[i] = resourceCost(resources.get(i));
                remaining += costs[i];
            }
            work.visits += costs.length;
            int fixed = size + 1 - remaining; // the statement without resources, as if each cost len + 1
            int from = 0;
            while (from < costs.length) {
                if (currentSize + separator() + fixed + remaining - 1 <= limit) {
                    append(part(statement, resources, from, costs.length), fixed + remaining - 1);
                    return;
                }
                int room = limit - currentSize - separator() - fixed + 1;
                int used = 0;
                int to = from;
                while (to < costs.length && used + costs[to] <= room) {
                    used += costs[to++];
                }
                work.visits += to - from + 1;
                if (to == from) {
                    if (current.isEmpty()) {
                        throw new PolicySetTooLargeException(
                                part(statement, resources, from, from + 1), fixed - 1 + costs[from], limit);
                    }
                    close();
                    continue;
                }
                append(part(statement, resources, from, to), fixed + used - 1);
                close();
                remaining -= used;
                from = to;
            }
        }

        private int separator() {
            return current.isEmpty() ? 0 : 1;
        }

        private void append(Statement statement, int size) {
            currentSize += separator() + size;
            current.add(statement);
        }

        /**
         * The statement with resources [from, to): built directly, never copying the statement's whole list. An
         * action that can match none of the part's resources is left out (a part of the merged Glue statement that
         * holds only table ARNs does not repeat glue:GetDatabase): it allowed no request there, and {@code check}
         * would rightly report it as never matching.
         */
        private Statement part(Statement statement, List<Resource> resources, int from, int to) {
            work.visits += to - from;
            List<Resource> own = resources.subList(from, to);
            return new Statement(
                    statement.sid(),
                    statement.effect(),
                    statement.principals(),
                    statement.notPrincipals(),
                    matchingActions(statement.actions(), own),
                    statement.notActions(),
                    ImmutableSet.copyOf(own),
                    statement.notResources(),
                    statement.conditions());
        }

        /** {@return the actions that can match one of {@code resources}; all of them if none can} */
        private static ImmutableSet<Action> matchingActions(ImmutableSet<Action> actions, List<Resource> resources) {
            ActionCatalog catalog = ActionCatalog.standard();
            // Each resource's pattern is compiled once for all the actions.
            List<Predicate<ActionDefinition>> matchers =
                    resources.stream().map(catalog::canMatch).toList();
            ImmutableSet.Builder<Action> kept = ImmutableSet.builder();
            boolean any = false;
            for (Action action : actions) {
                Optional<ActionDefinition> definition = action.isWildcard() ? Optional.empty() : catalog.action(action);
                if (definition.isEmpty() || matchers.stream().anyMatch(m -> m.test(definition.get()))) {
                    kept.add(action);
                    any = true;
                }
            }
            return any ? kept.build() : actions;
        }

        private void close() {
            if (!current.isEmpty()) {
                done.add(new Policy(policy.version(), policy.id(), ImmutableList.copyOf(current)));
                current.clear();
                currentSize = envelope;
            }
        }

        private int size(List<Statement> statements) {
            return PolicySize.of(new Policy(policy.version(), policy.id(), ImmutableList.copyOf(statements)))
                    .characters();
        }

        /** A statement's compact JSON length: two copies cost it twice plus a comma. */
        private int statementSize(Statement statement) {
            return size(List.of(statement, statement)) - size(List.of(statement)) - 1;
        }
    }

    /** A resource ARN's share of a Resource array: the quoted, escaped string and its comma. */
    /** {@return the characters of every distinct ARN of {@code policy}, quoted, each with one separator} */
    private static long distinctArnCharacters(Policy policy) {
        Set<Resource> seen = new HashSet<>();
        long characters = 0;
        for (Statement statement : policy.statements()) {
            for (Resource resource : statement.resources()) {
                if (seen.add(resource)) {
                    characters += resourceCost(resource) - 1;
                }
            }
        }
        return characters;
    }

    private static int resourceCost(Resource resource) {
        return JSON.quoteAsString(resource.pattern()).length + 3;
    }

    /** The requirements cannot be packed within the limits; the message gives the numbers. */
    public static final class PolicySetTooLargeException extends InvalidInputException {
        private static final long serialVersionUID = 1L;
        private static final String ADVICE =
                "grant all databases (\"*\") to shrink it, or allow more policies after a" + " quota increase";

        /** The numbers, without the advice; null when one statement alone is too large. */
        private final @Nullable String counts;

        PolicySetTooLargeException(
                int needed, boolean atLeast, int lowerBound, int maxPolicies, int maxSize, int size) {
            this(
                    "the policy needs " + (atLeast ? "at least " : "") + needed + " managed policies of at most "
                            + maxSize + " characters (" + size + " characters in all after compacting"
                            + (atLeast ? "" : ", so at least " + lowerBound) + "), more than the policy count limit "
                            + maxPolicies + " (IAM attaches at most 10"
                            + " managed policies to a role by default, 20 with a quota increase)",
                    ADVICE,
                    null);
        }

        /** Refused before compacting: the distinct ARNs alone ({@code arnCharacters}) need {@code needed}. */
        PolicySetTooLargeException(int needed, int maxPolicies, int maxSize, long arnCharacters) {
            this(
                    "the policy needs at least " + needed + " managed policies of at most " + maxSize + " characters ("
                            + arnCharacters + " characters of distinct ARNs alone), more than the policy count limit "
                            + maxPolicies + " (IAM attaches at most 10 managed policies to a role by default, 20 with"
                            + " a quota increase)",
                    ADVICE,
                    null);
        }

        PolicySetTooLargeException(Statement statement, int size, int maxSize) {
            super("statement " + (statement.sid() == null ? "(no Sid)" : InputRules.quote(statement.sid())) + " needs "
                    + size + " characters even with one resource, more than the policy size limit " + maxSize);
            this.counts = null;
        }

        private PolicySetTooLargeException(String counts, String advice, @Nullable Throwable cause) {
            super(counts + "; " + advice, cause);
            this.counts = counts;
        }

        /** {@return whether the set needs more policies than allowed (not one statement too large)} */
        boolean tooMany() {
            return counts != null;
        }

        /** {@return the same numbers with other advice} */
        PolicySetTooLargeException withAdvice(String advice) {
            return new PolicySetTooLargeException(checkNotNull(counts, "counts"), advice, this);
        }
    }
}
