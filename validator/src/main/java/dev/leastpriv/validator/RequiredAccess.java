package dev.leastpriv.validator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;

/**
 * One thing the policies must allow: {@code action} on every one of {@code resources}, for a connector
 * {@code feature}, why, and the evidence for it (the tool's source or an AWS document; empty when a library user
 * states their own). leastpriv's own requirements (module {@code policies}) map onto it one to one.
 */
public record RequiredAccess(
        String feature, Action action, ImmutableList<Resource> resources, String reason, String evidence) {

    public RequiredAccess {
        checkNotNull(feature, "feature");
        checkNotNull(action, "action");
        checkNotNull(reason, "reason");
        checkNotNull(evidence, "evidence");
        resources = ImmutableList.copyOf(resources);
        checkArgument(!resources.isEmpty(), "Required access %s for %s has no resources", action, feature);
        checkArgument(!action.isWildcard(), "Required access must name one action, not \"%s\"", action);
    }

    /** {@return required access stated by hand, without evidence} */
    public RequiredAccess(String feature, Action action, ImmutableList<Resource> resources, String reason) {
        this(feature, action, resources, reason, "");
    }
}
