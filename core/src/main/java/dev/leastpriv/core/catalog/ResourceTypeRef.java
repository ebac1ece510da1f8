package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * A resource type as one action lists it: the type's name, whether the action requires it, and the type's ARN
 * formats.
 *
 * <p>"Required" follows the Service Authorization Reference: a request for {@code glue:GetTables} is authorized
 * against the catalog, the database and the table ARNs, and all three must be allowed. Optional types are
 * alternatives or additions, e.g. {@code s3:GetObject} on an {@code object} or an {@code accesspointobject}.
 *
 * @param name the resource type's name, e.g. {@code table}
 * @param required whether every request of the action is authorized against a resource of this type
 * @param arnFormats the type's ARN formats with {@code ${Variable}} placeholders
 */
public record ResourceTypeRef(String name, boolean required, ImmutableList<String> arnFormats) {

    public ResourceTypeRef {
        checkNotNull(name, "name");
        checkArgument(!name.isEmpty(), "Resource type name must not be empty");
        arnFormats = ImmutableList.copyOf(arnFormats);
        checkArgument(!arnFormats.isEmpty(), "Resource type \"%s\" has no ARN format", name);
    }

    /** {@return the reference to {@code type} with the given requirement} */
    public static ResourceTypeRef of(ResourceType type, boolean required) {
        checkNotNull(type, "type");
        return new ResourceTypeRef(type.name(), required, type.arnFormats());
    }
}
