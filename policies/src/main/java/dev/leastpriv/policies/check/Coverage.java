package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.Resource;
import dev.leastpriv.core.eval.Decision;
import dev.leastpriv.policies.Requirement;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * Whether one requirement is granted: one {@link ResourceResult} per required resource, in the requirement's order.
 * A requirement passes only if every one of its resources passes (Glue checks the catalog, the database and the
 * table separately; iam-reference.md §1.4). Its verdict is the strongest of its resources'; the accessors for the
 * decision, resource and explanation describe the first resource with that verdict.
 */
public record Coverage(Requirement requirement, ImmutableList<ResourceResult> results) {

    public Coverage {
        checkNotNull(requirement, "requirement");
        results = ImmutableList.copyOf(results);
        checkArgument(
                results.stream()
                        .map(ResourceResult::resource)
                        .toList()
                        .equals(requirement.resources().stream()
                                .map(Resource::pattern)
                                .toList()),
                "Coverage of %s needs one result per resource, in order",
                requirement.action());
    }

    /** {@return the strongest verdict over the requirement's resources} */
    public Verdict verdict() {
        return results.stream()
                .map(ResourceResult::verdict)
                .max(Comparator.naturalOrder())
                .orElseThrow();
    }

    /** {@return whether the requirement is allowed on all its resources beyond doubt} */
    public boolean isAllowed() {
        return verdict() == Verdict.PASS;
    }

    /** {@return whether the requirement could not be decided (unknown context keys) and is not plainly denied} */
    public boolean isUnknown() {
        return verdict() == Verdict.UNKNOWN;
    }

    /** {@return the results that are not a pass} */
    public ImmutableList<ResourceResult> failures() {
        return results.stream().filter(r -> !r.passed()).collect(ImmutableList.toImmutableList());
    }

    /** {@return the first resource whose verdict is the requirement's, or null when it passes} */
    public @Nullable ResourceResult firstFailure() {
        Verdict verdict = verdict();
        return verdict == Verdict.PASS
                ? null
                : results.stream()
                        .filter(r -> r.verdict() == verdict)
                        .findFirst()
                        .orElseThrow();
    }

    /** {@return the decision for {@link #firstFailure()}, or {@code ALLOWED}} */
    public Decision decision() {
        ResourceResult failure = firstFailure();
        return failure == null ? Decision.ALLOWED : failure.decision();
    }

    /** {@return the resource of {@link #firstFailure()}, or null} */
    public @Nullable String deniedResource() {
        ResourceResult failure = firstFailure();
        return failure == null ? null : failure.resource();
    }

    /** {@return why {@link #firstFailure()} is not a pass, or "allowed"} */
    public String explanation() {
        ResourceResult failure = firstFailure();
        return failure == null ? "allowed" : failure.explanation();
    }

    /** {@return the context keys conditions needed over all resources} */
    public ImmutableSortedSet<String> missingContextKeys() {
        return results.stream()
                .flatMap(r -> r.missingContextKeys().stream())
                .collect(ImmutableSortedSet.toImmutableSortedSet(Comparator.naturalOrder()));
    }
}
