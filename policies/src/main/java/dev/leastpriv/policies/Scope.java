package dev.leastpriv.policies;

import dev.leastpriv.core.Partition;
import dev.leastpriv.core.Resource;

/**
 * The only place that builds ARNs: partition, region and account come from here, so no ARN can carry another
 * partition (the hard-coded {@code arn:aws:} mistake of style.md §1.5). Region and account are either validated
 * values or documentation placeholders; names passed in have been validated by their value types.
 */
record Scope(Partition partition, String region, String account) {

    static final String REGION_PLACEHOLDER = "<<AWS_REGION>>";
    static final String ACCOUNT_PLACEHOLDER = "<<ACCOUNT_ID>>";

    static Scope of(Connection connection) {
        return new Scope(
                connection.partition(),
                connection.region() == null
                        ? REGION_PLACEHOLDER
                        : connection.region().name(),
                connection.account() == null
                        ? ACCOUNT_PLACEHOLDER
                        : connection.account().value());
    }

    Resource athena(String resource) {
        return regional("athena", resource);
    }

    Resource glue(String resource) {
        return regional("glue", resource);
    }

    Resource kms(String resource) {
        return regional("kms", resource);
    }

    Resource lambda(String resource) {
        return regional("lambda", resource);
    }

    /** S3 bucket and object ARNs have no region and no account: {@code arn:aws:s3:::bucket/key}. */
    Resource s3(String bucketOrObject) {
        return Resource.parse("arn:" + partition.id() + ":s3:::" + bucketOrObject);
    }

    private Resource regional(String service, String resource) {
        return Resource.parse("arn:" + partition.id() + ":" + service + ":" + region + ":" + account + ":" + resource);
    }
}
