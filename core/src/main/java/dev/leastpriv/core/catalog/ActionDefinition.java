package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.leastpriv.core.Action;

/**
 * One action of the catalog: its access level, the resource types a request is authorized against, and the
 * condition keys it supports.
 *
 * <p>An action without resource types is <em>wildcard-only</em>: it is authorized against {@code "Resource": "*"}
 * alone, and a statement that scopes it to an ARN grants nothing (athena:ListWorkGroups, every lakeformation
 * action). See the
 * <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html">
 * Service Authorization Reference</a>.
 *
 * @param service the service prefix, e.g. {@code glue}
 * @param name the action name as the reference spells it, e.g. {@code GetTables}
 * @param accessLevel the access level as the data gives it: {@code List}, {@code Read}, {@code Write},
 *     {@code Permissions management, Write} or {@code Tagging, Write}
 * @param resourceTypes the resource types, sorted by name; empty for a wildcard-only action
 * @param conditionKeys the condition keys the action supports besides those of its resource types, sorted
 */
public record ActionDefinition(
        String service,
        String name,
        String accessLevel,
        ImmutableList<ResourceTypeRef> resourceTypes,
        ImmutableList<String> conditionKeys) {

    public ActionDefinition {
        checkNotNull(service, "service");
        checkNotNull(name, "name");
        checkNotNull(accessLevel, "accessLevel");
        resourceTypes = ImmutableList.copyOf(resourceTypes);
        conditionKeys = ImmutableList.copyOf(conditionKeys);
        checkArgument(
                !Action.of(service, name).isWildcard(),
                "Invalid catalog action \"%s:%s\": a definition names exactly one action",
                service,
                name);
        checkArgument(!accessLevel.isEmpty(), "Action %s:%s has an empty access level", service, name);
    }

    /** {@return the action this definition describes, e.g. {@code glue:GetTables}} */
    public Action action() {
        return Action.of(service, name);
    }

    /** {@return whether the action has no resource types and so only {@code "Resource": "*"} grants it} */
    public boolean isWildcardOnly() {
        return resourceTypes.isEmpty();
    }

    /** {@return the resource types every request of the action is authorized against} */
    public ImmutableList<ResourceTypeRef> requiredResourceTypes() {
        return resourceTypes.stream().filter(ResourceTypeRef::required).collect(ImmutableList.toImmutableList());
    }
}
