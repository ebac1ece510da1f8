package dev.leastpriv.core.eval;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Policy;
import org.jspecify.annotations.Nullable;

/**
 * The policies that decide a request: identity policies (ORed), an optional permissions boundary, SCP levels from
 * the organization root to the account (each level must allow; policies within a level are ORed), and an optional
 * resource policy.
 */
public record Policies(
        ImmutableList<Policy> identity,
        @Nullable Policy boundary,
        ImmutableList<ImmutableList<Policy>> scpLevels,
        @Nullable Policy resourcePolicy) {

    public Policies {
        identity = ImmutableList.copyOf(identity);
        scpLevels = scpLevels.stream().map(ImmutableList::copyOf).collect(ImmutableList.toImmutableList());
    }

    /** {@return no policies at all; add a resource policy, boundary or SCPs with the {@code with…} methods} */
    public static Policies none() {
        return new Policies(ImmutableList.of(), null, ImmutableList.of(), null);
    }

    /** {@return identity policies only} */
    public static Policies identity(Policy... policies) {
        return new Policies(ImmutableList.copyOf(policies), null, ImmutableList.of(), null);
    }

    /** {@return identity policies only} */
    public static Policies identity(Iterable<Policy> policies) {
        return new Policies(ImmutableList.copyOf(policies), null, ImmutableList.of(), null);
    }

    /** {@return these policies with {@code boundary} as the permissions boundary} */
    public Policies withBoundary(Policy boundary) {
        return new Policies(identity, checkNotNull(boundary, "boundary"), scpLevels, resourcePolicy);
    }

    /** {@return these policies with one more SCP level below the existing ones} */
    public Policies withScpLevel(Policy... level) {
        return new Policies(
                identity,
                boundary,
                ImmutableList.<ImmutableList<Policy>>builder()
                        .addAll(scpLevels)
                        .add(ImmutableList.copyOf(level))
                        .build(),
                resourcePolicy);
    }

    /** {@return these policies with {@code resourcePolicy} attached to the resource} */
    public Policies withResourcePolicy(Policy resourcePolicy) {
        return new Policies(identity, boundary, scpLevels, checkNotNull(resourcePolicy, "resourcePolicy"));
    }
}
