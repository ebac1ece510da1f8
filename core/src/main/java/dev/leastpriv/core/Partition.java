package dev.leastpriv.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AWS partition, the second part of every ARN ({@code arn:<partition>:…}).
 *
 * <p>An open set: new partitions appear, so this is a value with known constants rather than an enum. The region
 * patterns are those of botocore's {@code partitions.json} with {@code \w} narrowed to {@code [a-z]}, because
 * {@code \w} would admit digits and underscores in the region's middle word.
 */
public record Partition(String id) {

    // Declared before the constants below: static fields initialise in source order.
    private static final Pattern ID = Pattern.compile("aws(-cn|-us-gov|-iso(-[bef])?|-eusc)?");

    public static final Partition AWS = new Partition("aws");
    public static final Partition AWS_CN = new Partition("aws-cn");
    public static final Partition AWS_US_GOV = new Partition("aws-us-gov");
    public static final Partition AWS_ISO = new Partition("aws-iso");
    public static final Partition AWS_ISO_B = new Partition("aws-iso-b");
    public static final Partition AWS_ISO_E = new Partition("aws-iso-e");
    public static final Partition AWS_ISO_F = new Partition("aws-iso-f");
    public static final Partition AWS_EUSC = new Partition("aws-eusc");

    // partitions.json regionRegex per partition, bounded (15 letters, two digits: the longest today is
    // ap-southeast-7) so that a 200-character name is no region; disjoint, so the first match is the only match.
    private static final ImmutableMap<Partition, Pattern> REGIONS = ImmutableMap.<Partition, Pattern>builder()
            .put(AWS, Pattern.compile("(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_CN, Pattern.compile("cn-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_US_GOV, Pattern.compile("us-gov-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_ISO, Pattern.compile("us-iso-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_ISO_B, Pattern.compile("us-isob-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_ISO_E, Pattern.compile("eu-isoe-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_ISO_F, Pattern.compile("us-isof-[a-z]{1,15}-\\d{1,2}"))
            .put(AWS_EUSC, Pattern.compile("eusc-de-[a-z]{1,15}-\\d{1,2}"))
            .build();

    public Partition {
        checkNotNull(id, "id");
        checkArgument(
                ID.matcher(id).matches(),
                "Invalid partition \"%s\": expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e,"
                        + " aws-iso-f, aws-eusc",
                id);
    }

    /**
     * {@return the partition with this id}
     *
     * @throws IllegalArgumentException if the id is not a known partition
     */
    public static Partition of(String id) {
        return new Partition(id);
    }

    /** {@return the partition whose region pattern matches {@code region}, if any} */
    public static Optional<Partition> forRegion(String region) {
        checkNotNull(region, "region");
        for (Map.Entry<Partition, Pattern> entry : REGIONS.entrySet()) {
            if (entry.getValue().matcher(region).matches()) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
