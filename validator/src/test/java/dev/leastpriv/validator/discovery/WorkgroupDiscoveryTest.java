package dev.leastpriv.validator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Region;
import dev.leastpriv.validator.MotoServer;
import dev.leastpriv.validator.discovery.CannedAws.Call;
import dev.leastpriv.validator.discovery.CannedAws.Reply;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Kind;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import dev.leastpriv.validator.discovery.DiscoveryRequest.HistoryReading;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The workgroups discovery lists when the connector reads query history (connector-ground-truth.md D1): against
 * the AWS emulator for real workgroups, and {@link CannedAws} for what moto cannot show (a DISABLED workgroup, since
 * it has no UpdateWorkGroup; several pages, since it does not page ListWorkGroups; denials and failures).
 */
class WorkgroupDiscoveryTest {

    private static final Region REGION = Region.of("us-east-1");
    private static final AccountId ACCOUNT = AccountId.of("123456789012");

    /** What an OpenMetadata request with usage grants: the configured workgroup and primary. */
    private static DiscoveryRequest.Builder openMetadata() {
        return DiscoveryRequest.builder(REGION, ACCOUNT)
                .workgroup("metadata")
                .results("s3://athena-results/om/")
                .history(HistoryReading.EVERY_ENABLED_WORKGROUP)
                .addHistoryWorkgroup("metadata")
                .addHistoryWorkgroup("primary");
    }

    private static DiscoveredAccount discover(URI endpoint, DiscoveryRequest request) {
        try (AthenaClient athena = CannedAws.athena(endpoint);
                GlueClient glue = CannedAws.glue(endpoint);
                S3Client s3 = CannedAws.s3(endpoint);
                KmsClient kms = CannedAws.kms(endpoint);
                LakeFormationClient lakeFormation = CannedAws.lakeFormation(endpoint)) {
            return Discovery.create(athena, glue, s3, kms, lakeFormation).discover(request);
        }
    }

    /** Answers ListWorkGroups with {@code listing}, and denies everything else. */
    private static Function<Call, Reply> listing(Function<Call, Reply> listing) {
        return call -> call.operation().equals("ListWorkGroups") ? listing.apply(call) : CannedAws.denied(call);
    }

    private static List<DiscoveryFinding> listFindings(DiscoveredAccount account) {
        return account.findings().stream()
                .filter(f -> f.call().equals(WorkgroupReader.LIST))
                .toList();
    }

    @Test
    void discover_moto_enabledWorkgroupsTheHistoryDoesNotGrant_namedOneByOne() {
        // Its own emulator: the listing holds every workgroup of the account, so no other test may add one.
        try (MotoServer moto = MotoServer.start();
                AthenaClient athena = moto.athena(MotoServer.ADMIN);
                GlueClient glue = moto.glue(MotoServer.ADMIN);
                S3Client s3 = moto.s3(MotoServer.ADMIN);
                KmsClient kms = moto.kms(MotoServer.ADMIN);
                LakeFormationClient lakeFormation = moto.lakeFormation(MotoServer.ADMIN)) {
            s3.createBucket(r -> r.bucket("athena-results"));
            for (String name : List.of("metadata", "etl", "reporting")) {
                athena.createWorkGroup(r -> r.name(name));
            }

            DiscoveredAccount account = Discovery.create(athena, glue, s3, kms, lakeFormation)
                    .discover(openMetadata().build());

            assertThat(account.workgroups()).isNotNull();
            assertThat(account.workgroups().enabled()).containsExactly("etl", "metadata", "primary", "reporting");
            assertThat(account.uncoveredHistoryWorkgroups()).containsExactly("etl", "reporting");
            assertThat(listFindings(account))
                    .extracting(DiscoveryFinding::level, DiscoveryFinding::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    Level.WARNING,
                                    "workgroup \"etl\" is enabled and the connector reads the query history of every"
                                            + " enabled workgroup, but the configured history workgroups do not name"
                                            + " it: checked too; add it as a history-workgroup so the generated policy"
                                            + " grants it"),
                            org.assertj.core.groups.Tuple.tuple(
                                    Level.WARNING,
                                    "workgroup \"reporting\" is enabled and the connector reads the query history of"
                                            + " every enabled workgroup, but the configured history workgroups do not"
                                            + " name it: checked too; add it as a history-workgroup so the generated"
                                            + " policy grants it"));
            assertThat(account.findings(Level.ERROR)).isEmpty();
        }
    }

    @Test
    void discover_disabledWorkgroupOnALaterPage_ignoredAndEveryPageRead() {
        Function<Call, Reply> answer = listing(call -> call.body().contains("\"NextToken\":\"page-2\"")
                ? CannedAws.json("{\"WorkGroups\":[{\"Name\":\"reporting\",\"State\":\"ENABLED\"},"
                        + "{\"Name\":\"archive\",\"State\":\"DISABLED\"}]}")
                : CannedAws.json("{\"WorkGroups\":[{\"Name\":\"primary\",\"State\":\"ENABLED\"},"
                        + "{\"Name\":\"metadata\",\"State\":\"ENABLED\"},{\"Name\":\"etl\",\"State\":\"ENABLED\"}],"
                        + "\"NextToken\":\"page-2\"}"));

        try (CannedAws aws = CannedAws.start(answer)) {
            DiscoveredAccount account = discover(aws.endpoint(), openMetadata().build());

            assertThat(account.workgroups())
                    .isEqualTo(new DiscoveredWorkgroups(
                            com.google.common.collect.ImmutableSortedSet.of("etl", "metadata", "primary", "reporting"),
                            com.google.common.collect.ImmutableSortedSet.of("archive")));
            assertThat(account.uncoveredHistoryWorkgroups()).containsExactly("etl", "reporting");
            assertThat(listFindings(account))
                    .extracting(DiscoveryFinding::message)
                    .anySatisfy(m -> assertThat(m).startsWith("workgroup \"etl\" is enabled"))
                    .anySatisfy(m -> assertThat(m).startsWith("workgroup \"reporting\" is enabled"))
                    .contains("the connector skips the query history of the workgroups that are not ENABLED: archive")
                    .noneSatisfy(m -> assertThat(m).startsWith("workgroup \"archive\""));
            List<Call> pages = aws.calls().stream()
                    .filter(c -> c.operation().equals("ListWorkGroups"))
                    .toList();
            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).body()).contains("\"MaxResults\":50");
        }
    }

    @Test
    void discover_listWorkGroupsDenied_findingNamingTheAction() {
        DiscoveredAccount account;
        try (CannedAws aws = CannedAws.start(CannedAws::denied)) {
            account = discover(aws.endpoint(), openMetadata().build());
        }

        assertThat(account.workgroups()).isNull();
        assertThat(account.uncoveredHistoryWorkgroups()).isEmpty();
        assertThat(listFindings(account)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DENIED);
            assertThat(f.message())
                    .startsWith("athena:ListWorkGroups was denied, so which workgroups are enabled, whose query"
                            + " history the connector reads, stays unknown (the caller needs athena:ListWorkGroups)");
        });
        // Denied is not failed: discovery is complete, and a preflight reports it as undecided.
        assertThat(account.complete()).isTrue();
    }

    @Test
    void discover_listWorkGroupsFails_incomplete() {
        DiscoveredAccount account;
        try (CannedAws aws =
                CannedAws.start(listing(call -> CannedAws.error(call, 500, "InternalServerException", "boom")))) {
            account = discover(aws.endpoint(), openMetadata().build());
        }

        assertThat(account.complete()).isFalse();
        assertThat(listFindings(account)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Kind.FAILED);
            assertThat(f.message()).contains("AWS had an internal error: InternalServerException (HTTP 500): boom");
        });
    }

    @Test
    void discover_noHistoryRead_neverListsWorkgroups() {
        try (CannedAws aws = CannedAws.start(CannedAws::denied)) {
            DiscoveredAccount account = discover(
                    aws.endpoint(),
                    DiscoveryRequest.builder(REGION, ACCOUNT)
                            .workgroup("metadata")
                            .build());

            assertThat(aws.operations()).isNotEmpty().doesNotContain("ListWorkGroups");
            assertThat(account.workgroups()).isNull();
            assertThat(listFindings(account)).isEmpty();
        }
    }

    @Test
    void discover_historyOfEveryWorkgroupGranted_nothingListedNothingUncovered() {
        try (CannedAws aws = CannedAws.start(CannedAws::denied)) {
            DiscoveredAccount account = discover(
                    aws.endpoint(),
                    DiscoveryRequest.builder(REGION, ACCOUNT)
                            .workgroup("metadata")
                            .history(HistoryReading.EVERY_ENABLED_WORKGROUP)
                            .addHistoryWorkgroup("*")
                            .build());

            assertThat(aws.operations()).doesNotContain("ListWorkGroups");
            assertThat(account.uncoveredHistoryWorkgroups()).isEmpty();
            assertThat(listFindings(account)).isEmpty();
        }
    }

    @Test
    void discover_everyEnabledWorkgroupGranted_saysSo() {
        Function<Call, Reply> answer = listing(call -> CannedAws.json("{\"WorkGroups\":["
                + "{\"Name\":\"primary\",\"State\":\"ENABLED\"},{\"Name\":\"metadata\",\"State\":\"ENABLED\"},"
                + "{\"Name\":\"etl\",\"State\":\"ENABLED\"}]}"));

        DiscoveredAccount account;
        try (CannedAws aws = CannedAws.start(answer)) {
            account = discover(
                    aws.endpoint(), openMetadata().addHistoryWorkgroup("etl").build());
        }

        assertThat(account.uncoveredHistoryWorkgroups()).isEmpty();
        assertThat(listFindings(account))
                .extracting(DiscoveryFinding::level, DiscoveryFinding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        Level.INFO,
                        "the policy grants the query history of every enabled workgroup: etl, metadata, primary"));
    }

    @Test
    void discover_genericHistory_mentionsOtherEnabledWorkgroupsWithoutCheckingThem() {
        Function<Call, Reply> answer = listing(call -> CannedAws.json("{\"WorkGroups\":["
                + "{\"Name\":\"primary\",\"State\":\"ENABLED\"},{\"Name\":\"metadata\",\"State\":\"ENABLED\"}]}"));

        DiscoveredAccount account;
        try (CannedAws aws = CannedAws.start(answer)) {
            account = discover(
                    aws.endpoint(),
                    DiscoveryRequest.builder(REGION, ACCOUNT)
                            .workgroup("metadata")
                            .history(HistoryReading.CONFIGURED_WORKGROUPS)
                            .addHistoryWorkgroup("metadata")
                            .addHistoryWorkgroup("gone")
                            .build());
        }

        assertThat(account.uncoveredHistoryWorkgroups()).isEmpty();
        assertThat(listFindings(account))
                .extracting(DiscoveryFinding::level, DiscoveryFinding::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                Level.WARNING,
                                "history workgroup \"gone\" does not exist in us-east-1: reading its query history"
                                        + " fails"),
                        org.assertj.core.groups.Tuple.tuple(
                                Level.INFO,
                                "enabled workgroups whose query history the policy does not grant, and which are not"
                                        + " checked: primary; if the tool reads their history, add them as"
                                        + " history-workgroups"));
    }
}
