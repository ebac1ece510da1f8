package dev.leastpriv.policies;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;
import dev.leastpriv.core.Resource;

/**
 * One thing a connector feature needs: {@code action} allowed on <em>every</em> one of {@code resources}.
 *
 * <p>Several resources are ANDed, not ORed: Glue authorizes {@code glue:GetTables} against the root catalog, the
 * database and the table ARNs together, so a policy that allows only some of them fails at run time
 * (athena-connector-needs.md §2). {@code sid} names the statement the renderer puts it in; {@code evidence} says
 * where the call was read (the tool's source, an AWS document) or that it is unconfirmed.
 */
public record Requirement(
        Feature feature,
        Action action,
        ImmutableList<Resource> resources,
        String reason,
        String sid,
        Evidence evidence) {

    public Requirement {
        checkNotNull(feature, "feature");
        checkNotNull(action, "action");
        checkNotNull(reason, "reason");
        checkNotNull(sid, "sid");
        checkNotNull(evidence, "evidence");
        resources = ImmutableList.copyOf(resources);
        checkArgument(!resources.isEmpty(), "Requirement %s for %s has no resources", action, feature);
        checkArgument(!action.isWildcard(), "Requirement action must be one action, not \"%s\"", action);
        checkArgument(!reason.isEmpty(), "Requirement %s for %s has no reason", action, feature);
    }

    /**
     * {@return a requirement stated by hand, for a tool leastpriv has no profile for}: Sid {@code Stated}, evidence
     * {@link Evidence#stated()}
     *
     * <pre>{@code
     * Requirement tables = Requirement.stated(Feature.METADATA, Action.parse("glue:GetTables"),
     *         List.of(Resource.parse(catalogArn), Resource.parse(databaseArn), Resource.parse(tablesArn)),
     *         "our tool lists tables");
     * }</pre>
     */
    public static Requirement stated(Feature feature, Action action, Iterable<Resource> resources, String reason) {
        return new Requirement(feature, action, ImmutableList.copyOf(resources), reason, "Stated", Evidence.stated());
    }
}
