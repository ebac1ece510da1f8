package dev.leastpriv.core.catalog;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * A resource type of a service as the Service Authorization Reference defines it, e.g. S3's {@code object} with the
 * ARN format {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}}.
 *
 * <p>ARN formats keep the reference's {@code ${Variable}} placeholders. A name may hold spaces (Lambda's
 * {@code function alias}) and the ARN may belong to another service (STS's {@code role} is an IAM ARN).
 *
 * @param name the resource type's name, e.g. {@code workgroup}
 * @param arnFormats the ARN formats, at least one
 * @param conditionKeys the condition keys that apply to resources of this type, e.g.
 *     {@code aws:ResourceTag/${TagKey}}
 */
public record ResourceType(String name, ImmutableList<String> arnFormats, ImmutableList<String> conditionKeys) {

    public ResourceType {
        checkNotNull(name, "name");
        checkArgument(!name.isEmpty(), "Resource type name must not be empty");
        arnFormats = ImmutableList.copyOf(arnFormats);
        conditionKeys = ImmutableList.copyOf(conditionKeys);
        checkArgument(!arnFormats.isEmpty(), "Resource type \"%s\" has no ARN format", name);
        for (String format : arnFormats) {
            checkArgument(
                    format.startsWith("arn:") && format.split(":", 6).length == 6,
                    "Resource type \"%s\" has invalid ARN format \"%s\": expected \"arn:<partition>:<service>:"
                            + "<region>:<account>:<resource>\"",
                    name,
                    format);
        }
    }
}
