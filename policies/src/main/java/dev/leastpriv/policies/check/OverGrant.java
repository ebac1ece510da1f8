package dev.leastpriv.policies.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Resource;
import org.jspecify.annotations.Nullable;

/**
 * What one Allow statement grants beyond the requirements: the actions (as the statement writes them, or expanded
 * from a wildcard) that no requirement needs on the statement's resources.
 */
public record OverGrant(
        String file,
        String pointer,
        @Nullable String sid,
        ImmutableList<String> actions,
        ImmutableList<Resource> resources) {

    public OverGrant {
        checkNotNull(file, "file");
        checkNotNull(pointer, "pointer");
        actions = ImmutableList.copyOf(actions);
        resources = ImmutableList.copyOf(resources);
    }
}
