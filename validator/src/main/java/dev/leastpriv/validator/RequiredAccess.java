package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;

/**
 * One thing the policies must allow: {@code action} on every one of {@code resources}, for a connector
 * {@code feature}, and why. leastpriv's own requirements (module {@code policies}) map onto it one to one; a library
 * user can state their own.
 */
public record RequiredAccess(String feature, Action action, ImmutableList<Resource> resources, String reason) {

    public RequiredAccess {
        checkNotNull(feature, "feature");
        checkNotNull(action, "action");
        checkNotNull(reason, "reason");
        resources = ImmutableList.copyOf(resources);
        checkArgument(!resources.isEmpty(), "Required access %s for %s has no resources", action, feature);
        checkArgument(!action.isWildcard(), "Required access must name one action, not \"%s\"", action);
    }
}
