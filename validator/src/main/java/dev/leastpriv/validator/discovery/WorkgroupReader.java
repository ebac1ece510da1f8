package dev.leastpriv.validator.discovery;

import com.google.common.collect.ImmutableSortedSet;
import dev.leastpriv.core.S3Location;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.validator.discovery.DiscoveredWorkgroup.Encryption;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import dev.leastpriv.validator.discovery.DiscoveryRequest.HistoryReading;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.EncryptionConfiguration;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.ListWorkGroupsResponse;
import software.amazon.awssdk.services.athena.model.ManagedQueryResultsConfiguration;
import software.amazon.awssdk.services.athena.model.ResultConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupConfiguration;
import software.amazon.awssdk.services.athena.model.WorkGroupState;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

/**
 * Reads the workgroup with {@code athena:GetWorkGroup} and compares it with the configured results (PF-03, PF-04);
 * lists every workgroup with {@code athena:ListWorkGroups} (Resource "*") and compares the enabled ones with the
 * workgroups whose query history the policy grants (connector-ground-truth.md D1).
 */
final class WorkgroupReader {

    static final String CALL = "athena:GetWorkGroup";
    static final String LIST = "athena:ListWorkGroups";
    /** The largest page ListWorkGroups returns. */
    private static final int PAGE_SIZE = 50;

    private WorkgroupReader() {}

    static Optional<DiscoveredWorkgroup> read(
            AthenaClient athena, DiscoveryRequest request, DiscoveryFindings findings) {
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
        read = read.map(workgroup -> usableLocation(workgroup, findings));
        read.ifPresent(workgroup -> judge(workgroup, request, findings));
        return read;
    }

    /**
     * The workgroup with its result location only when a policy can grant it. The location came from the account,
     * not from the user, so one that breaks the S3 rules is a finding (an error: queries cannot write there as
     * checked), never a bad-input exit, and the rest of the check goes on without it.
     */
    private static DiscoveredWorkgroup usableLocation(DiscoveredWorkgroup workgroup, DiscoveryFindings findings) {
        String location = workgroup.outputLocation();
        if (location == null) {
            return workgroup;
        }
        try {
            S3Location.parse("result location", location);
            return workgroup;
        } catch (IllegalArgumentException e) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    "workgroup \"" + workgroup.name() + "\" has a result location the account returned that no"
                            + " policy can grant, so it is not checked: " + e.getMessage());
            return workgroup.withoutOutputLocation();
        }
    }

    /** {@return every workgroup of the region, every page, after findings on the history the policy grants} */
    static Optional<DiscoveredWorkgroups> list(
            AthenaClient athena, DiscoveryRequest request, DiscoveryFindings findings) {
        Optional<DiscoveredWorkgroups> listed = findings.call(
                LIST,
                request.history() == HistoryReading.EVERY_ENABLED_WORKGROUP
                        ? "which workgroups are enabled, whose query history the connector reads,"
                        : "which workgroups exist besides the history workgroups",
                () -> {
                    SortedSet<String> enabled = new TreeSet<>();
                    SortedSet<String> disabled = new TreeSet<>();
                    for (ListWorkGroupsResponse page : athena.listWorkGroupsPaginator(r -> r.maxResults(PAGE_SIZE))) {
                        for (WorkGroupSummary summary : page.workGroups()) {
                            if (summary.name() == null) {
                                continue; // nothing to grant or name; Athena always sends one
                            }
                            // Only ENABLED: OpenMetadata compares the state with "ENABLED" (query_parser.py).
                            (summary.state() == WorkGroupState.ENABLED ? enabled : disabled).add(summary.name());
                        }
                    }
                    return new DiscoveredWorkgroups(
                            ImmutableSortedSet.copyOf(enabled), ImmutableSortedSet.copyOf(disabled));
                });
        listed.ifPresent(workgroups -> judgeHistory(workgroups, request, findings));
        return listed;
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

    private static void judge(DiscoveredWorkgroup workgroup, DiscoveryRequest request, DiscoveryFindings findings) {
        String name = "workgroup \"" + workgroup.name() + "\"";
        if (!workgroup.exists()) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    name + " does not exist in " + request.region() + ": queries naming it fail with \"WorkGroup "
                            + workgroup.name() + " is not found\"");
            return;
        }
        if (!workgroup.enabled()) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    name + " is DISABLED: queries fail with \"WorkGroup " + workgroup.name() + " is disabled\"");
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
                                    : "; they are encrypted with KMS key " + workgroup.managedResultsKmsKey()));
        } else if (enforced != null && configured != null && !enforced.equals(configured)) {
            findings.add(
                    CALL,
                    Level.WARNING,
                    name + " enforces result location " + enforced + " (EnforceWorkGroupConfiguration), so the"
                            + " configured " + configured + " is ignored: queries write to " + enforced
                            + " and the policy must cover it");
        } else if (enforced != null && configured == null) {
            findings.add(CALL, Level.INFO, name + " enforces result location " + enforced + ": queries write there");
        } else if (configured == null && workgroup.outputLocation() != null) {
            findings.add(
                    CALL,
                    Level.INFO,
                    "no results location is configured, so queries write to the location of " + name + ", "
                            + workgroup.outputLocation());
        } else if (configured == null) {
            findings.add(
                    CALL,
                    Level.ERROR,
                    "no output location: neither " + name + " nor the connection sets one, so queries fail with"
                            + " \"No output location provided\"");
        }
        if (workgroup.encryption().usesKms()) {
            findings.add(
                    CALL,
                    Level.INFO,
                    name + " encrypts results with " + workgroup.encryption() + " using KMS key "
                            + workgroup.kmsKey() + ": writing and reading results needs kms:GenerateDataKey and"
                            + " kms:Decrypt on its key ARN, and the key policy must allow the role");
        }
        if (workgroup.requesterPays()) {
            findings.add(
                    CALL,
                    Level.WARNING,
                    name + " has RequesterPaysEnabled: its queries may read Requester Pays buckets, and this account"
                            + " pays for those requests and transfer; without it such queries fail with a plain"
                            + " AccessDenied");
        }
    }

    private static void judgeHistory(
            DiscoveredWorkgroups workgroups, DiscoveryRequest request, DiscoveryFindings findings) {
        boolean everyEnabled = request.history() == HistoryReading.EVERY_ENABLED_WORKGROUP;
        for (String named : request.historyWorkgroups()) {
            // The configured workgroup is GetWorkGroup's to judge, and primary always exists.
            if (!named.equals(request.workgroup())
                    && !named.equals(Connection.DEFAULT_WORKGROUP)
                    && !workgroups.contains(named)) {
                findings.add(
                        LIST,
                        everyEnabled ? Level.INFO : Level.WARNING,
                        "history workgroup \"" + named + "\" does not exist in " + request.region()
                                + (everyEnabled
                                        ? ": the connector reads only workgroups that exist, so its grant is unused"
                                        : ": reading its query history fails"));
            }
        }
        List<String> ungranted = workgroups.enabled().stream()
                .filter(name -> !request.grantsHistoryOf(name))
                .toList();
        if (everyEnabled) {
            for (String name : ungranted) {
                // The connector stops at the first workgroup whose history it may not read, so one missing grant
                // loses the history of every later workgroup (connector-ground-truth.md D1).
                findings.add(
                        LIST,
                        Level.WARNING,
                        "workgroup \"" + name + "\" is enabled and the connector reads the query history of every"
                                + " enabled workgroup, but the configured history workgroups do not name it: checked"
                                + " too; add it as a history-workgroup so the generated policy grants it");
            }
            if (ungranted.isEmpty() && !workgroups.enabled().isEmpty()) {
                findings.add(
                        LIST,
                        Level.INFO,
                        "the policy grants the query history of every enabled workgroup: "
                                + String.join(", ", workgroups.enabled()));
            }
            if (!workgroups.disabled().isEmpty()) {
                findings.add(
                        LIST,
                        Level.INFO,
                        "the connector skips the query history of the workgroups that are not ENABLED: "
                                + String.join(", ", workgroups.disabled()));
            }
        } else if (!ungranted.isEmpty()) {
            findings.add(
                    LIST,
                    Level.INFO,
                    "enabled workgroups whose query history the policy does not grant, and which are not checked: "
                            + String.join(", ", ungranted) + "; if the tool reads their history, add them as"
                            + " history-workgroups");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
