package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * A resource type as one action lists it: the type's name, whether the action requires it, the type's ARN formats,
 * and the condition keys that apply when the action is authorized against the type.
 *
 * <p>"Required" follows the Service Authorization Reference: a request for {@code glue:GetTables} is authorized
 * against the catalog, the database and the table ARNs, and all three must be allowed. Optional types are
 * alternatives or additions, e.g. {@code s3:GetObject} on an {@code object} or an {@code accesspointobject}.
 *
 * @param name the resource type's name, e.g. {@code table}
 * @param required whether every request of the action is authorized against a resource of this type
 * @param arnFormats the type's ARN formats with {@code ${Variable}} placeholders
 * @param conditionKeys the keys the reference lists for this action on this type, sorted, e.g.
 *     {@code aws:RequestTag/${TagKey}} for a create action; besides those of the type itself and of the action
 */
public record ResourceTypeRef(
        String name, boolean required, ImmutableList<String> arnFormats, ImmutableList<String> conditionKeys) {

    public ResourceTypeRef {
        checkNotNull(name, "name");
        checkArgument(!name.isEmpty(), "Resource type name must not be empty");
        arnFormats = ImmutableList.copyOf(arnFormats);
        conditionKeys = ImmutableList.copyOf(conditionKeys);
        checkArgument(!arnFormats.isEmpty(), "Resource type \"%s\" has no ARN format", name);
    }

    /** A reference without condition keys of its own. */
    public ResourceTypeRef(String name, boolean required, ImmutableList<String> arnFormats) {
        this(name, required, arnFormats, ImmutableList.of());
    }

    /** {@return the reference to {@code type} with the given requirement and no condition keys of its own} */
    public static ResourceTypeRef of(ResourceType type, boolean required) {
        checkNotNull(type, "type");
        return new ResourceTypeRef(type.name(), required, type.arnFormats());
    }
}
