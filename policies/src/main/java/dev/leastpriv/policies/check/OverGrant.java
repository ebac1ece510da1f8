package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Resource;
import org.jspecify.annotations.Nullable;

/**
 * What one Allow statement grants beyond the requirements.
 *
 * @param actions the actions (as the statement writes them, or expanded from a wildcard) that no requirement needs
 *     at all: safe to remove
 * @param widerThanRequired required actions that the statement grants on more than the requirements name, such as
 *     {@code glue:GetTables} on {@code *}: keep them, narrow the resources
 */
public record OverGrant(
        String file,
        String pointer,
        @Nullable String sid,
        ImmutableList<String> actions,
        ImmutableList<String> widerThanRequired,
        ImmutableList<Resource> resources) {

    public OverGrant {
        checkNotNull(file, "file");
        checkNotNull(pointer, "pointer");
        actions = ImmutableList.copyOf(actions);
        widerThanRequired = ImmutableList.copyOf(widerThanRequired);
        resources = ImmutableList.copyOf(resources);
    }
}
