package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Sets;

/**
 * The account's workgroups in the connection's region as {@code athena:ListWorkGroups} lists them, every page. A
 * state other than ENABLED (DISABLED, or one this SDK does not know) counts as disabled, as OpenMetadata reads the
 * history only of workgroups whose state is ENABLED (connector-ground-truth.md D1).
 *
 * @param enabled the names of the ENABLED workgroups, sorted
 * @param disabled the names of the other workgroups, sorted
 */
public record DiscoveredWorkgroups(ImmutableSortedSet<String> enabled, ImmutableSortedSet<String> disabled) {

    public DiscoveredWorkgroups {
        enabled = ImmutableSortedSet.copyOf(enabled);
        disabled = ImmutableSortedSet.copyOf(disabled);
        checkArgument(
                Sets.intersection(enabled, disabled).isEmpty(),
                "a workgroup cannot be both enabled and disabled: %s",
                Sets.intersection(enabled, disabled));
    }

    /** {@return whether a workgroup of this name exists, in any state} */
    public boolean contains(String name) {
        return enabled.contains(name) || disabled.contains(name);
    }
}
