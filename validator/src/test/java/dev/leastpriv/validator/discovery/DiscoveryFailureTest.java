package dev.leastpriv.validator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leastpriv.core.AccountId;
import dev.leastpriv.core.Region;
import dev.leastpriv.policies.Connection;
import dev.leastpriv.validator.discovery.CannedAws.Call;
import dev.leastpriv.validator.discovery.CannedAws.Reply;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Kind;
import dev.leastpriv.validator.discovery.DiscoveryFinding.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Discovery when AWS says no or breaks: served by {@link CannedAws} on 127.0.0.1 (moto does not enforce IAM, has no
 * UpdateWorkGroup to disable a workgroup, answers missing workgroups with an empty 200 and does not page
 * GetDatabases), or by a closed port.
 */
class DiscoveryFailureTest {

    private static final DiscoveryRequest EVERYTHING = DiscoveryRequest.builder(
                    Region.of("us-east-1"), AccountId.of("123456789012"))
            .workgroup("metadata")
            .addCatalog("dynamo")
            .allDatabases(true)
            .results("s3://athena-results/om/")
            .addKmsKey("alias/results")
            .build();

    /** Runs discovery with all five clients against {@code endpoint}. */
    private static DiscoveredAccount discover(URI endpoint, DiscoveryRequest request) {
        try (AthenaClient athena = CannedAws.athena(endpoint);
                GlueClient glue = CannedAws.glue(endpoint);
                S3Client s3 = CannedAws.s3(endpoint);
                KmsClient kms = CannedAws.kms(endpoint);
                LakeFormationClient lakeFormation = CannedAws.lakeFormation(endpoint)) {
            return Discovery.create(athena, glue, s3, kms, lakeFormation).discover(request);
        }
    }

    private static DiscoveredAccount discover(Function<Call, Reply> answer, DiscoveryRequest request) {
        try (CannedAws aws = CannedAws.start(answer)) {
            return discover(aws.endpoint(), request);
        }
    }

    /** Answers the listed operations with their replies, and denies everything else. */
    private static Function<Call, Reply> answering(Map<String, Function<Call, Reply>> replies) {
        return call -> replies.getOrDefault(call.operation(), CannedAws::denied).apply(call);
    }

    @Test
    void discover_everyCallDenied_findingsNamingEachActionAndNoException() {
        DiscoveredAccount account = discover(CannedAws::denied, EVERYTHING);

        assertThat(account.workgroup()).isNull();
        assertThat(account.catalogs()).isEmpty();
        assertThat(account.databasesListed()).isFalse();
        assertThat(account.resultsBucket())
                .isEqualTo(
                        new DiscoveredBucket("athena-results", true, null, DiscoveredBucket.Encryption.UNKNOWN, null));
        assertThat(account.kmsKeys())
                .containsExactly(new DiscoveredKey("alias/results", DiscoveredKey.Source.CONFIGURED, null));
        assertThat(account.lakeFormation()).isNull();
        assertThat(account.findings()).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Kind.DENIED);
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.message())
                    .startsWith(f.call() + " was denied, so ")
                    .contains("stays unknown (the caller needs " + f.call() + ")");
        });
        assertThat(account.findings())
                .extracting(DiscoveryFinding::call)
                .containsExactly(
                        "athena:GetWorkGroup",
                        "athena:ListDataCatalogs",
                        "athena:GetDataCatalog",
                        "glue:GetDatabases",
                        "s3:GetBucketLocation",
                        "s3:GetEncryptionConfiguration",
                        "kms:DescribeKey",
                        "lakeformation:GetDataLakeSettings");
        assertThat(account.complete()).isTrue();
    }

    @Test
    void discover_athenaNotFoundErrors_missingWorkgroupAndCatalog() {
        // Real Athena answers InvalidRequestException for both; moto answers an empty 200.
        Function<Call, Reply> answer = answering(Map.of(
                "GetWorkGroup",
                call -> CannedAws.error(call, 400, "InvalidRequestException", "WorkGroup metadata is not found."),
                "GetDataCatalog",
                call -> CannedAws.error(call, 400, "InvalidRequestException", "DataCatalog dynamo was not found")));

        DiscoveredAccount account = discover(answer, EVERYTHING);

        assertThat(account.workgroup()).isEqualTo(DiscoveredWorkgroup.missing("metadata"));
        assertThat(account.catalogs()).containsExactly(DiscoveredCatalog.missing("dynamo"));
        assertThat(account.findings(Level.ERROR))
                .extracting(DiscoveryFinding::message)
                .containsExactly(
                        "workgroup \"metadata\" does not exist in us-east-1: queries naming it fail with"
                                + " \"WorkGroup metadata is not found\"",
                        "data catalog \"dynamo\" does not exist in us-east-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://Bad_Bucket/athena/", "https://athena-results/om/", "s3:/"})
    void discover_resultLocationTheAccountReturnsThatNoPolicyCanGrant_isAFindingNotBadInput(String location) {
        Function<Call, Reply> answer = answering(Map.of(
                "GetWorkGroup",
                call -> CannedAws.json("{\"WorkGroup\":{\"Name\":\"metadata\",\"State\":\"ENABLED\","
                        + "\"Configuration\":{\"EnforceWorkGroupConfiguration\":true,\"ResultConfiguration\":"
                        + "{\"OutputLocation\":\"" + location + "\"}}}}")));
        DiscoveryRequest request = DiscoveryRequest.builder(Region.of("us-east-1"), AccountId.of("123456789012"))
                .workgroup("metadata")
                .results("s3://athena-results/om/")
                .build();

        DiscoveredAccount account = discover(answer, request);

        assertThat(account.findings(Level.ERROR))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .startsWith(
                                "workgroup \"metadata\" has a result location the account returned that no policy can"
                                        + " grant, so it is not checked: "));
        assertThat(account.workgroup().outputLocation()).isNull();
        Connection connection = Connection.builder()
                .region("us-east-1")
                .account("123456789012")
                .workgroup("metadata")
                .addDatabase("sales")
                .results("s3://athena-results/om/")
                .build();
        // Applying what was found keeps the configured location instead of failing as bad input.
        assertThat(account.applyTo(connection).results().toString()).isEqualTo("s3://athena-results/om/");
    }

    @Test
    void discover_keyArnTheAccountReturnsThatIsNotAnArn_isIncompleteNotAnInternalError() {
        Function<Call, Reply> answer = answering(Map.of(
                "DescribeKey", call -> CannedAws.json("{\"KeyMetadata\":{\"KeyId\":\"k\",\"Arn\":\"not-an-arn\"}}")));
        DiscoveryRequest request = DiscoveryRequest.builder(Region.of("us-east-1"), AccountId.of("123456789012"))
                .workgroup("metadata")
                .addKmsKey("alias/results")
                .build();

        DiscoveredAccount account = discover(answer, request);

        assertThat(account.findings())
                .filteredOn(f -> f.call().equals("kms:DescribeKey"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(Kind.FAILED);
                    assertThat(f.message())
                            .startsWith("kms:DescribeKey answered with a value that cannot be used, so the key ARN"
                                    + " behind KMS key \"alias/results\" stays unknown");
                });
        assertThat(account.complete()).isFalse();
    }

    @Test
    void discover_disabledWorkgroup_isAnError() {
        // moto 5.2.1 has no UpdateWorkGroup (it answers 500), so a DISABLED workgroup is served here.
        Function<Call, Reply> answer = answering(Map.of(
                "GetWorkGroup",
                call -> CannedAws.json("{\"WorkGroup\":{\"Name\":\"metadata\",\"State\":\"DISABLED\","
                        + "\"Configuration\":{\"EnforceWorkGroupConfiguration\":false,\"ResultConfiguration\":"
                        + "{\"OutputLocation\":\"s3://athena-results/om/\"}}}}")));

        DiscoveredAccount account = discover(answer, EVERYTHING);

        assertThat(account.workgroup().exists()).isTrue();
        assertThat(account.workgroup().enabled()).isFalse();
        assertThat(account.findings(Level.ERROR)).singleElement().satisfies(f -> {
            assertThat(f.call()).isEqualTo("athena:GetWorkGroup");
            assertThat(f.message()).startsWith("workgroup \"metadata\" is DISABLED");
        });
    }

    @Test
    void discover_serverErrorAndThrottling_failedFindingsAndIncomplete() {
        Function<Call, Reply> answer = answering(Map.of(
                "GetWorkGroup", call -> CannedAws.error(call, 500, "InternalServerException", "boom"),
                "GetDataLakeSettings", call -> CannedAws.error(call, 400, "ThrottlingException", "Rate exceeded")));

        try (CannedAws aws = CannedAws.start(answer)) {
            DiscoveredAccount account = discover(aws.endpoint(), EVERYTHING);

            assertThat(account.complete()).isFalse();
            assertThat(account.findings().stream().filter(f -> f.kind() == Kind.FAILED))
                    .extracting(DiscoveryFinding::call, DiscoveryFinding::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "athena:GetWorkGroup",
                                    "athena:GetWorkGroup failed, so whether workgroup \"metadata\" exists, is enabled"
                                            + " and enforces a result location stays unknown and discovery is"
                                            + " incomplete: AWS had an internal error: InternalServerException (HTTP"
                                            + " 500): boom; retries ran out"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "lakeformation:GetDataLakeSettings",
                                    "lakeformation:GetDataLakeSettings failed, so whether Lake Formation governs"
                                            + " the Glue catalog of account 123456789012 stays unknown and discovery"
                                            + " is incomplete: throttled: ThrottlingException (HTTP 400): Rate"
                                            + " exceeded; retries ran out, run again later"));
            // The client's retry strategy ran before discovery gave up: each failing call was attempted twice.
            assertThat(aws.operations().stream().filter("GetWorkGroup"::equals)).hasSize(CannedAws.MAX_ATTEMPTS);
            assertThat(aws.operations().stream().filter("GetDataLakeSettings"::equals))
                    .hasSize(CannedAws.MAX_ATTEMPTS);
        }
    }

    @Test
    void discover_connectionRefused_everyCallFailedNoException() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        DiscoveredAccount account = discover(closed, EVERYTHING);

        assertThat(account.complete()).isFalse();
        assertThat(account.findings())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.kind()).isEqualTo(Kind.FAILED));
        assertThat(account.findings())
                .extracting(DiscoveryFinding::call)
                .contains("athena:GetWorkGroup", "glue:GetDatabases", "lakeformation:GetDataLakeSettings");
    }

    @Test
    void discover_glueDatabasesOnSeveralPages_readsEveryPage() {
        Function<Call, Reply> answer = answering(Map.of(
                "GetDatabases",
                call -> call.body().contains("\"NextToken\":\"page-2\"")
                        ? CannedAws.json("{\"DatabaseList\":[{\"Name\":\"marketing\"},{\"Name\":\"finance\"}]}")
                        : CannedAws.json("{\"DatabaseList\":[{\"Name\":\"sales\"}],\"NextToken\":\"page-2\"}")));

        try (CannedAws aws = CannedAws.start(answer)) {
            DiscoveredAccount account = discover(aws.endpoint(), EVERYTHING);

            assertThat(account.databasesListed()).isTrue();
            assertThat(account.databases()).containsExactly("finance", "marketing", "sales");
            List<Call> pages = aws.calls().stream()
                    .filter(c -> c.operation().equals("GetDatabases"))
                    .toList();
            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).body()).contains("\"CatalogId\":\"123456789012\"");
        }
    }
}
