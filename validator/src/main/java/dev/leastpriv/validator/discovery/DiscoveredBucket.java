package dev.leastpriv.validator.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import org.jspecify.annotations.Nullable;

/**
 * The bucket query results are written to: its region ({@code s3:GetBucketLocation}) and default encryption
 * ({@code s3:GetEncryptionConfiguration}) (athena-connector-needs.md A5, A7, PF-04).
 *
 * @param exists false only when S3 says the bucket does not exist (true when its location could not be read)
 * @param region the bucket's region, or null when it could not be read
 * @param kmsKey the default encryption key as S3 returns it (key ARN, key id or alias), or null; with SSE_KMS and no
 *     key, S3 uses the AWS managed key {@code alias/aws/s3}
 */
public record DiscoveredBucket(
        String bucket,
        boolean exists,
        @Nullable String region,
        Encryption encryption,
        @Nullable String kmsKey) {

    /** The bucket's default encryption. */
    public enum Encryption {
        NONE,
        SSE_S3,
        SSE_KMS,
        DSSE_KMS,
        /** An algorithm this version does not know. */
        OTHER,
        /** Not read: the call was denied or failed, or the bucket does not exist. */
        UNKNOWN;

        /** {@return whether objects are encrypted with a KMS key by default} */
        public boolean usesKms() {
            return this == SSE_KMS || this == DSSE_KMS;
        }
    }

    public DiscoveredBucket {
        checkNotNull(bucket, "bucket");
        checkNotNull(encryption, "encryption");
    }
}
