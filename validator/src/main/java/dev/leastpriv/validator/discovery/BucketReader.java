package dev.leastpriv.validator.discovery;

import dev.leastpriv.validator.discovery.DiscoveredBucket.Encryption;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Reads the results bucket's region ({@code s3:GetBucketLocation}) and default encryption
 * ({@code s3:GetEncryptionConfiguration}, the IAM action of GetBucketEncryption) (athena-connector-needs.md A5, A7).
 */
final class BucketReader {

    static final String LOCATION = "s3:GetBucketLocation";
    static final String ENCRYPTION = "s3:GetEncryptionConfiguration";
    /** The region S3 means by an empty location constraint. */
    static final String US_EAST_1 = "us-east-1";

    private BucketReader() {}

    static DiscoveredBucket read(S3Client s3, String bucket, DiscoveryRequest request, DiscoveryFindings findings) {
        String name = "results bucket \"" + bucket + "\"";
        Optional<String> location = findings.call(LOCATION, "the region of " + name, () -> {
            try {
                return region(s3.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString());
            } catch (NoSuchBucketException e) {
                return "";
            }
        });
        if (location.isPresent() && location.get().isEmpty()) {
            findings.add(
                    LOCATION,
                    Level.ERROR,
                    name + " does not exist: Athena fails with \"Unable to verify/create output bucket " + bucket
                            + "\"; create it yourself, never grant s3:CreateBucket, since a predictable name can be"
                            + " taken by another account");
            return new DiscoveredBucket(bucket, false, null, Encryption.UNKNOWN, null);
        }
        String region = location.orElse(null);
        if (region != null && !region.equals(request.region().name())) {
            findings.add(
                    LOCATION,
                    Level.WARNING,
                    name + " is in " + region + " but Athena runs in " + request.region() + ": Athena rejects it with"
                            + " \"The S3 location provided to save your query results is invalid\"");
        }
        Optional<ServerSideEncryptionByDefault> encryption =
                findings.call(ENCRYPTION, "the default encryption of " + name, () -> defaultEncryption(s3, bucket));
        if (encryption.isEmpty()) {
            return new DiscoveredBucket(bucket, true, region, Encryption.UNKNOWN, null);
        }
        Encryption algorithm = algorithm(encryption.get().sseAlgorithm());
        String key = blankToNull(encryption.get().kmsMasterKeyID());
        if (algorithm.usesKms()) {
            findings.add(
                    ENCRYPTION,
                    Level.INFO,
                    name + " encrypts new objects with " + algorithm + " using "
                            + (key == null ? "the AWS managed key alias/aws/s3" : "KMS key " + key)
                            + ": writing results needs kms:GenerateDataKey and reading them kms:Decrypt on its key"
                            + " ARN");
        }
        return new DiscoveredBucket(bucket, true, region, algorithm, key);
    }

    /** {@return the region a GetBucketLocation constraint means: none is us-east-1, the legacy "EU" eu-west-1} */
    static String region(@Nullable String constraint) {
        if (constraint == null || constraint.isEmpty()) {
            return US_EAST_1;
        }
        return constraint.equals("EU") ? "eu-west-1" : constraint;
    }

    /** {@return the first default-encryption rule, or NONE when the bucket has no encryption configuration} */
    private static ServerSideEncryptionByDefault defaultEncryption(S3Client s3, String bucket) {
        ServerSideEncryptionByDefault none =
                ServerSideEncryptionByDefault.builder().build();
        try {
            var configuration = s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration();
            if (configuration == null || !configuration.hasRules()) {
                return none;
            }
            return configuration.rules().stream()
                    .map(ServerSideEncryptionRule::applyServerSideEncryptionByDefault)
                    .filter(rule -> rule != null)
                    .findFirst()
                    .orElse(none);
        } catch (S3Exception e) {
            // Buckets created before 2023 may have no configuration at all; S3 says so with this error code.
            if (e.awsErrorDetails() != null
                    && "ServerSideEncryptionConfigurationNotFoundError"
                            .equals(e.awsErrorDetails().errorCode())) {
                return none;
            }
            throw e;
        }
    }

    private static Encryption algorithm(@Nullable ServerSideEncryption algorithm) {
        if (algorithm == null) {
            return Encryption.NONE;
        }
        return switch (algorithm) {
            case AES256 -> Encryption.SSE_S3;
            case AWS_KMS -> Encryption.SSE_KMS;
            case AWS_KMS_DSSE -> Encryption.DSSE_KMS;
            case AWS_FSX, AWS_BACKUP, UNKNOWN_TO_SDK_VERSION -> Encryption.OTHER;
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
