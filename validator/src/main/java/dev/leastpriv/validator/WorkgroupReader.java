package dev.leastpriv.validator;

import dev.leastpriv.validator.DiscoveredWorkgroup.Encryption;
import dev.leastpriv.validator.DiscoveryFinding.Level;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.EncryptionConfiguration;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ManagedQueryResultsConfiguration;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;

/** Reads the workgroup with {@code athena:GetWorkGroup} and compares it with the configured results (PF-03, PF-04). */
final class WorkgroupReader {

    static final String CALL = "athena:GetWorkGroup";

    private WorkgroupReader() {}

    static Optional<DiscoveredWorkgroup> read(AthenaClient athena, DiscoveryRequest request, Findings findings) {
        String name = request.workgroup();
        Optional<DiscoveredWorkgroup> read = findings.call(
                CALL, "whether workgroup \"" + name + "\" exists, is enabled and enforces a result location", () -> {
                    try {
                        WorkGroup found =
                                athena.getWorkGroup(r -> r.workGroup(name)).workGroup();
                        return found == null ? DiscoveredWorkgroup.missing(name) : map(found);
                    } catch (InvalidRequestException e) {
                        // Athena answers a missing workgroup with InvalidRequestException "WorkGroup <name> is not
                        // found" and has no error code for it; the text is the only signal (A1).
                        if (notFound(e)) {
                            return DiscoveredWorkgroup.missing(name);
                        }
                        throw e;
                    }
                });
        read.ifPresent(workgroup -> judge(workgroup, request, findings));
        return read;
    }

    /** {@return whether an Athena InvalidRequestException says the named thing is not found} */
    static boolean notFound(InvalidRequestException e) {
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("not found");
    }

    private static DiscoveredWorkgroup map(WorkGroup found) {
        WorkGroupConfiguration configuration =
                found.configuration() == null ? WorkGroupConfiguration.builder().build() : found.configuration();
        ResultConfiguration results = configuration.resultConfiguration();
        EncryptionConfiguration encryption = results == null ? null : results.encryptionConfiguration();
        ManagedQueryResultsConfiguration managed = configuration.managedQueryResultsConfiguration();
        boolean managedResults = managed != null && Boolean.TRUE.equals(managed.enabled());
        return new DiscoveredWorkgroup(
                found.name(),
                true,
                found.state() != WorkGroupState.DISABLED,
                Boolean.TRUE.equals(configuration.enforceWorkGroupConfiguration()),
                blankToNull(results == null ? null : results.outputLocation()),
                encryption(encryption),
                blankToNull(encryption == null ? null : encryption.kmsKey()),
                blankToNull(results == null ? null : results.expectedBucketOwner()),
                Boolean.TRUE.equals(configuration.requesterPaysEnabled()),
                managedResults,
                managedResults && managed.encryptionConfiguration() != null
                        ? blankToNull(managed.encryptionConfiguration().kmsKey())
                        : null);
    }

    private static Encryption encryption(@Nullable EncryptionConfiguration encryption) {
        if (encryption == null || encryption.encryptionOption() == null) {
            return Encryption.NONE;
        }
        return switch (encryption.encryptionOption()) {
            case SSE_S3 -> Encryption.SSE_S3;
            case SSE_KMS -> Encryption.SSE_KMS;
            case CSE_KMS -> Encryption.CSE_KMS;
            case UNKNOWN_TO_SDK_VERSION -> Encryption.OTHER;
        };
    }

    private static void judge(DiscoveredWorkgroup workgroup, DiscoveryRequest request, Findings findings) {
        String name = "workgroup \"" + workgroup.name() + "\"";
        if (!workgroup.exists()) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    name + " does not exist in " + request.region() + ": queries naming it fail with \"WorkGroup "
                            + workgroup.name() + " is not found\" (athena-connector-needs.md A1)");
            return;
        }
        if (!workgroup.enabled()) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    name + " is DISABLED: queries fail with \"WorkGroup " + workgroup.name()
                            + " is disabled\" (athena-connector-needs.md A1)");
        }
        String configured = request.results();
        String enforced = workgroup.enforced() ? workgroup.outputLocation() : null;
        if (workgroup.managedResults()) {
            findings.add(
                    CALL,
                    Level.INFO,
                    name + " uses managed query results: results are kept in Athena-owned storage, so no results"
                            + " bucket permissions are needed"
                            + (workgroup.managedResultsKmsKey() == null
                                    ? ""
                                    : "; they are encrypted with KMS key " + workgroup.managedResultsKmsKey())
                            + " (athena-connector-needs.md A5)");
        } else if (enforced != null && configured != null && !enforced.equals(configured)) {
            findings.add(
                    CALL,
                    Level.WARNING,
                    name + " enforces result location " + enforced + " (EnforceWorkGroupConfiguration), so the"
                            + " configured " + configured + " is ignored: queries write to " + enforced
                            + " and the policy must cover it (athena-connector-needs.md A8)");
        } else if (enforced != null && configured == null) {
            findings.add(
                    CALL,
                    Level.INFO,
                    name + " enforces result location " + enforced + ": queries write there"
                            + " (athena-connector-needs.md A8)");
        } else if (configured == null && workgroup.outputLocation() != null) {
            findings.add(
                    CALL,
                    Level.INFO,
                    "no results location is configured, so queries write to the location of " + name + ", "
                            + workgroup.outputLocation() + " (athena-connector-needs.md A5)");
        } else if (configured == null) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    "no output location: neither " + name + " nor the connection sets one, so queries fail with"
                            + " \"No output location provided\" (athena-connector-needs.md A5, PF-04)");
        }
        if (workgroup.encryption().usesKms()) {
            findings.add(
                    CALL,
                    Level.INFO,
                    name + " encrypts results with " + workgroup.encryption() + " using KMS key "
                            + workgroup.kmsKey() + ": writing and reading results needs kms:GenerateDataKey and"
                            + " kms:Decrypt on its key ARN, and the key policy must allow the role"
                            + " (athena-connector-needs.md A7)");
        }
        if (workgroup.requesterPays()) {
            findings.add(
                    CALL,
                    Level.WARNING,
                    name + " has RequesterPaysEnabled: its queries may read Requester Pays buckets, and this account"
                            + " pays for those requests and transfer; without it such queries fail with a plain"
                            + " AccessDenied (athena-connector-needs.md A12)");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
