package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * An AWS region such as {@code eu-west-1}; knows its {@link Partition}.
 *
 * <p>Validated against the partition region patterns, so {@code cn-north-1} is {@code aws-cn} and
 * {@code us-gov-west-1} is {@code aws-us-gov} (iam-reference.md §5).
 */
public record Region(String name) {

    public Region {
        checkNotNull(name, "name");
        checkArgument(
                Partition.forRegion(name).isPresent(),
                "Invalid region \"%s\": expected an AWS region such as \"us-east-1\", \"eu-west-1\", \"cn-north-1\""
                        + " or \"us-gov-west-1\"",
                name);
    }

    /**
     * {@return the region with this name}
     *
     * @throws IllegalArgumentException if the name is not a region of a known partition
     */
    public static Region of(String name) {
        return new Region(name);
    }

    /** {@return the partition this region belongs to} */
    public Partition partition() {
        return Partition.forRegion(name).orElseThrow();
    }

    @Override
    public String toString() {
        return name;
    }
}
