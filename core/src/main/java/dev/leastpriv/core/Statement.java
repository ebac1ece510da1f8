package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Multimaps;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a policy. Lists keep their insertion order and drop duplicates, so output is deterministic;
 * conditions are grouped by operator in order of first appearance, as the JSON nests them.
 *
 * <pre>{@code
 * Statement results = Statement.allow()
 *         .sid("ResultsObjects")
 *         .addAction("s3:GetObject")
 *         .addAction("s3:PutObject")
 *         .addResource("arn:aws:s3:::athena-results/connector/*")
 *         .build();
 * }</pre>
 *
 * <p>Exactly one of {@code Action} and {@code NotAction} is present; {@code Resource} and {@code NotResource}, and
 * {@code Principal} and {@code NotPrincipal}, exclude each other
 * (<a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html">policy grammar</a>).
 * Trust policies have no {@code Resource}, so a statement may have neither.
 */
public record Statement(
        @Nullable String sid,
        Effect effect,
        ImmutableSet<Principal> principals,
        ImmutableSet<Principal> notPrincipals,
        ImmutableSet<Action> actions,
        ImmutableSet<Action> notActions,
        ImmutableSet<Resource> resources,
        ImmutableSet<Resource> notResources,
        ImmutableList<Condition> conditions) {

    public Statement {
        checkNotNull(effect, "effect");
        principals = ImmutableSet.copyOf(principals);
        notPrincipals = ImmutableSet.copyOf(notPrincipals);
        actions = ImmutableSet.copyOf(actions);
        notActions = ImmutableSet.copyOf(notActions);
        resources = ImmutableSet.copyOf(resources);
        notResources = ImmutableSet.copyOf(notResources);
        // Grouped by operator in order of first appearance, the order in which the JSON nests them, so that
        // reading the written JSON gives back an equal statement.
        conditions = Multimaps.index(conditions, Condition::operator).values().asList();
        String name = sid == null ? "(no Sid)" : InputRules.quote(sid);
        checkArgument(sid == null || !sid.isEmpty(), "Statement Sid must not be empty; omit it instead");
        checkArgument(
                actions.isEmpty() != notActions.isEmpty(),
                "Statement %s must have exactly one of \"Action\" and \"NotAction\"",
                name);
        checkArgument(
                resources.isEmpty() || notResources.isEmpty(),
                "Statement %s has both \"Resource\" and \"NotResource\"; use at most one",
                name);
        checkArgument(
                principals.isEmpty() || notPrincipals.isEmpty(),
                "Statement %s has both \"Principal\" and \"NotPrincipal\"; use at most one",
                name);
        checkArgument(
                !principals.contains(Principal.ALL) || principals.size() == 1,
                "Statement %s mixes the bare principal \"*\" with other principals",
                name);
        checkArgument(
                !notPrincipals.contains(Principal.ALL) || notPrincipals.size() == 1,
                "Statement %s mixes the bare \"NotPrincipal\" \"*\" with other principals",
                name);
        Set<String> seen = new LinkedHashSet<>();
        for (Condition condition : conditions) {
            checkArgument(
                    seen.add(condition.operator() + "\u0000" + condition.key()),
                    "Statement %s has two conditions %s on \"%s\"; merge their values",
                    name,
                    condition.operator(),
                    condition.key());
        }
    }

    /** {@return a builder for an {@code Allow} statement} */
    public static Builder allow() {
        return new Builder(Effect.ALLOW);
    }

    /** {@return a builder for a {@code Deny} statement} */
    public static Builder deny() {
        return new Builder(Effect.DENY);
    }

    /** {@return a builder holding this statement's values} */
    public Builder toBuilder() {
        Builder builder = new Builder(effect);
        builder.sid = sid;
        builder.principals.addAll(principals);
        builder.notPrincipals.addAll(notPrincipals);
        builder.actions.addAll(actions);
        builder.notActions.addAll(notActions);
        builder.resources.addAll(resources);
        builder.notResources.addAll(notResources);
        builder.conditions.addAll(conditions);
        return builder;
    }

    /** {@return whether the effect is {@code Allow}} */
    public boolean isAllow() {
        return effect == Effect.ALLOW;
    }

    /**
     * Collects a statement's values. Scalar setters: last call wins. {@code xs(Iterable)} replaces, {@code addX}
     * appends; duplicates are dropped in insertion order.
     */
    public static final class Builder {
        private Effect effect;
        private @Nullable String sid;
        private final Set<Principal> principals = new LinkedHashSet<>();
        private final Set<Principal> notPrincipals = new LinkedHashSet<>();
        private final Set<Action> actions = new LinkedHashSet<>();
        private final Set<Action> notActions = new LinkedHashSet<>();
        private final Set<Resource> resources = new LinkedHashSet<>();
        private final Set<Resource> notResources = new LinkedHashSet<>();
        private final List<Condition> conditions = new ArrayList<>();

        private Builder(Effect effect) {
            this.effect = effect;
        }

        @CanIgnoreReturnValue
        public Builder effect(Effect effect) {
            this.effect = checkNotNull(effect, "effect");
            return this;
        }

        @CanIgnoreReturnValue
        public Builder sid(@Nullable String sid) {
            this.sid = sid;
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addPrincipal(Principal principal) {
            principals.add(checkNotNull(principal, "principal"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder principals(Iterable<Principal> values) {
            return replace(principals, values, "principals");
        }

        @CanIgnoreReturnValue
        public Builder notPrincipals(Iterable<Principal> values) {
            return replace(notPrincipals, values, "notPrincipals");
        }

        @CanIgnoreReturnValue
        public Builder addAction(Action action) {
            actions.add(checkNotNull(action, "action"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addAction(String action) {
            return addAction(Action.parse(action));
        }

        @CanIgnoreReturnValue
        public Builder actions(Iterable<Action> values) {
            return replace(actions, values, "actions");
        }

        @CanIgnoreReturnValue
        public Builder notActions(Iterable<Action> values) {
            return replace(notActions, values, "notActions");
        }

        @CanIgnoreReturnValue
        public Builder addResource(Resource resource) {
            resources.add(checkNotNull(resource, "resource"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder addResource(String resource) {
            return addResource(Resource.parse(resource));
        }

        @CanIgnoreReturnValue
        public Builder resources(Iterable<Resource> values) {
            return replace(resources, values, "resources");
        }

        @CanIgnoreReturnValue
        public Builder notResources(Iterable<Resource> values) {
            return replace(notResources, values, "notResources");
        }

        @CanIgnoreReturnValue
        public Builder addCondition(Condition condition) {
            conditions.add(checkNotNull(condition, "condition"));
            return this;
        }

        @CanIgnoreReturnValue
        public Builder conditions(Iterable<Condition> values) {
            conditions.clear();
            values.forEach(this::addCondition);
            return this;
        }

        /**
         * {@return the statement}
         *
         * @throws IllegalArgumentException if the values break the policy grammar
         */
        public Statement build() {
            return new Statement(
                    sid,
                    effect,
                    ImmutableSet.copyOf(principals),
                    ImmutableSet.copyOf(notPrincipals),
                    ImmutableSet.copyOf(actions),
                    ImmutableSet.copyOf(notActions),
                    ImmutableSet.copyOf(resources),
                    ImmutableSet.copyOf(notResources),
                    ImmutableList.copyOf(conditions));
        }

        private <T> Builder replace(Set<T> target, Iterable<T> values, String name) {
            checkNotNull(values, name);
            target.clear();
            for (T value : values) {
                target.add(checkNotNull(value, name));
            }
            return this;
        }
    }
}
