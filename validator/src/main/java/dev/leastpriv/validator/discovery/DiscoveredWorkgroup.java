package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * An Athena workgroup as {@code athena:GetWorkGroup} describes it (athena-connector-needs.md A5, A8, A12, PF-03).
 *
 * @param exists false when Athena says the workgroup does not exist; every other component is then its default
 * @param enforced {@code EnforceWorkGroupConfiguration}: the workgroup's result settings replace the client's
 * @param outputLocation the workgroup's query result location ({@code s3://bucket/prefix/}), or null
 * @param kmsKey the key of SSE_KMS or CSE_KMS result encryption as Athena returns it (key ARN or id), or null
 * @param expectedBucketOwner the account that must own the results bucket, or null
 * @param managedResults {@code ManagedQueryResultsConfiguration.Enabled}: results go to Athena-owned storage
 * @param managedResultsKmsKey the key that encrypts managed results, or null
 */
public record DiscoveredWorkgroup(
        String name,
        boolean exists,
        boolean enabled,
        boolean enforced,
        @Nullable String outputLocation,
        Encryption encryption,
        @Nullable String kmsKey,
        @Nullable String expectedBucketOwner,
        boolean requesterPays,
        boolean managedResults,
        @Nullable String managedResultsKmsKey) {

    /** The workgroup's result encryption option. */
    public enum Encryption {
        NONE,
        SSE_S3,
        SSE_KMS,
        CSE_KMS,
        /** An option this version does not know. */
        OTHER;

        /** {@return whether results are encrypted with a KMS key} */
        public boolean usesKms() {
            return this == SSE_KMS || this == CSE_KMS;
        }
    }

    public DiscoveredWorkgroup {
        checkNotNull(name, "name");
        checkNotNull(encryption, "encryption");
        // Only an s3:// URI is normalized; anything else the account returned is kept as it is, for a finding.
        if (outputLocation != null && outputLocation.startsWith("s3://")) {
            outputLocation = DiscoveryRequest.normalize(outputLocation);
        }
    }

    /** {@return this workgroup without a result location (one that no policy can grant)} */
    public DiscoveredWorkgroup withoutOutputLocation() {
        return new DiscoveredWorkgroup(
                name,
                exists,
                enabled,
                enforced,
                null,
                encryption,
                kmsKey,
                expectedBucketOwner,
                requesterPays,
                managedResults,
                managedResultsKmsKey);
    }

    /** {@return a workgroup Athena says does not exist} */
    public static DiscoveredWorkgroup missing(String name) {
        return new DiscoveredWorkgroup(
                name, false, false, false, null, Encryption.NONE, null, null, false, false, null);
    }
}
